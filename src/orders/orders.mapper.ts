import type { AuthContext } from '../auth/auth-context';
import { isoTime } from '../common/http/serialize';
import type { PaymentTransaction } from '../payments/payment.entities';
import type { Product } from '../products/entities/product.entity';
import type { CreateOrderDto, OrderDto } from './dto/order.dto';
import type { Order, OrderEvent, OrderLine } from './entities/order.entity';
import type { WrittenOrder } from './order-placement';

/** What an order answer links to besides its own rows. */
export interface OrderRelations {
  lines: OrderLine[];
  products: Map<number, Product>;
  events: OrderEvent[];
  /** Stock-row id → its bin. */
  bins: Map<number, number | null>;
  /** The order's completed and refunded payments. */
  payments: Array<Pick<PaymentTransaction, 'status' | 'amount'>>;
  shipmentIds: number[];
}

/**
 * Where the order stands with its payments: paid is what completed payments add up to;
 * an order whose only payments were refunded reads `refunded`.
 */
export function paymentSummary(total: number, payments: OrderRelations['payments']): Pick<OrderDto, 'payment_status' | 'amount_paid' | 'amount_due'> {
  const cents = (status: string) => payments.filter((p) => p.status === status).reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0);
  const paid = cents('completed');
  const totalCents = Math.round(total * 100);
  const status = paid === 0 ? (cents('refunded') > 0 ? 'refunded' : 'unpaid') : paid >= totalCents ? 'paid' : 'partially_paid';
  return { payment_status: status, amount_paid: paid / 100, amount_due: Math.max(totalCents - paid, 0) / 100 };
}

export function toOrderDto(o: Order, { lines, products, events, bins, payments, shipmentIds }: OrderRelations): OrderDto {
  return {
    id: o.id,
    customer_id: o.customerId,
    status: o.status,
    total: Number(o.total),
    ...paymentSummary(Number(o.total), payments),
    shipment_ids: shipmentIds,
    shipping_address: o.shippingAddress,
    billing_address: o.billingAddress,
    items: lines.map((l) => ({
      id: l.id,
      product_id: l.productId,
      sku: products.get(l.productId)?.sku ?? '',
      name: products.get(l.productId)?.name ?? '',
      warehouse_id: l.warehouseId,
      location_id: bins.get(Number(l.stockLevelId)) ?? null,
      quantity: l.quantity,
      unit_price: Number(l.unitPrice),
      line_total: Number(l.lineTotal),
    })),
    notes: events.filter((e) => e.kind === 'note').map((e) => ({ id: e.id, note: e.note, user_id: e.userId, created_at: isoTime(e.createdAt) })),
    status_history: events
      .filter((e) => e.kind === 'status')
      .map((e) => ({ from_status: e.fromStatus, to_status: e.toStatus!, note: e.note, user_id: e.userId, created_at: isoTime(e.createdAt) })),
    created_at: isoTime(o.createdAt),
    updated_at: isoTime(o.updatedAt),
  };
}

/** A line of a new order, as placing it wrote it. */
export interface PlacedLine {
  productId: number;
  warehouseId: number;
  quantity: number;
  /** Two decimals, as stored. */
  unitPrice: string;
}

/** A new order's answer, from what placing it wrote (re-reading it would cost more statements). */
export function toPlacedOrderDto(
  auth: AuthContext,
  dto: CreateOrderDto,
  lines: PlacedLine[],
  written: WrittenOrder,
  products: Map<number, Pick<Product, 'sku' | 'name'>>,
): OrderDto {
  const at = (time: string | Date) => isoTime(new Date(time));
  return {
    id: written.id,
    customer_id: dto.customer_id,
    status: 'pending',
    total: Number(written.total),
    ...paymentSummary(Number(written.total), []),
    shipment_ids: [],
    shipping_address: written.shipping_address,
    billing_address: written.billing_address,
    items: written.lines.map((l) => {
      const line = lines[l.line_no - 1];
      return {
        id: l.id,
        product_id: line.productId,
        sku: products.get(line.productId)?.sku ?? '',
        name: products.get(line.productId)?.name ?? '',
        warehouse_id: line.warehouseId,
        // Set once the line is reserved (the reservation picks the stock row).
        location_id: null,
        quantity: line.quantity,
        unit_price: Number(line.unitPrice),
        line_total: Number(l.line_total),
      };
    }),
    notes: written.events
      .filter((e) => e.kind === 'note')
      .map((e) => ({ id: e.id, note: dto.notes ?? '', user_id: auth.userId, created_at: at(e.created_at) })),
    status_history: written.events
      .filter((e) => e.kind === 'status')
      .map((e) => ({ from_status: null, to_status: 'pending' as const, note: '', user_id: auth.userId, created_at: at(e.created_at) })),
    created_at: at(written.created_at),
    updated_at: at(written.updated_at),
  };
}
