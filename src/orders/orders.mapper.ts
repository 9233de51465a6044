import type { AuthContext } from '../auth/auth-context';
import { isoTime } from '../common/http/serialize';
import type { PaymentTransaction } from '../payments/payment.entities';
import type { Product } from '../products/entities/product.entity';
import type { CreateOrderDto, OrderDto, OrderNoteDto } from './dto/order.dto';
import type { Order, OrderEvent, OrderLine } from './entities/order.entity';
import type { WrittenOrder } from './order-placement.repository';

/** The order row as the answer needs it. */
export type OrderRow = Pick<
  Order,
  'id' | 'customerId' | 'status' | 'total' | 'shippingAddress' | 'billingAddress' | 'channelConnectionId' | 'createdAt' | 'updatedAt'
>;

/** A line as the answer needs it: with the bin its stock is reserved in. */
export type OrderLineRow = Pick<OrderLine, 'id' | 'productId' | 'warehouseId' | 'quantity' | 'unitPrice' | 'lineTotal'> & { locationId: number | null };

/** What an order answer links to besides its own rows. */
export interface OrderRelations {
  lines: OrderLineRow[];
  products: Map<number, Pick<Product, 'sku' | 'name'>>;
  events: Array<Pick<OrderEvent, 'id' | 'kind' | 'note' | 'userId' | 'fromStatus' | 'toStatus' | 'createdAt'>>;
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

/** The one builder of an order's answer, for a stored order and for one just placed. */
export function toOrderDto(o: OrderRow, { lines, products, events, payments, shipmentIds }: OrderRelations): OrderDto {
  return {
    id: o.id,
    customer_id: o.customerId,
    status: o.status,
    total: Number(o.total),
    ...paymentSummary(Number(o.total), payments),
    shipment_ids: shipmentIds,
    channel_connection_id: o.channelConnectionId ?? null,
    shipping_address: o.shippingAddress,
    billing_address: o.billingAddress,
    items: lines.map((l) => ({
      id: l.id,
      product_id: l.productId,
      sku: products.get(l.productId)?.sku ?? '',
      name: products.get(l.productId)?.name ?? '',
      warehouse_id: l.warehouseId,
      location_id: l.locationId,
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
  const at = (time: string | Date) => new Date(time);
  const order: OrderRow = {
    id: written.id,
    customerId: dto.customer_id,
    status: 'pending',
    total: written.total,
    shippingAddress: written.shipping_address,
    billingAddress: written.billing_address,
    channelConnectionId: dto.channel_connection_id ?? null,
    createdAt: at(written.created_at),
    updatedAt: at(written.updated_at),
  };
  return toOrderDto(order, {
    lines: written.lines.map((l) => {
      const line = lines[l.line_no - 1];
      // The bin is known once the line is reserved (the reservation picks the stock row).
      return {
        id: l.id,
        productId: line.productId,
        warehouseId: line.warehouseId,
        locationId: null,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        lineTotal: l.line_total,
      };
    }),
    products,
    events: written.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.kind === 'note' ? (dto.notes ?? '') : '',
      userId: auth.userId,
      fromStatus: null,
      toStatus: e.kind === 'status' ? 'pending' : null,
      createdAt: at(e.created_at),
    })),
    payments: [],
    shipmentIds: [],
  });
}

/** A note added to an order's history. */
export function toOrderNoteDto(e: Pick<OrderEvent, 'id' | 'note' | 'userId' | 'createdAt'>): OrderNoteDto {
  return { id: e.id, note: e.note, user_id: e.userId, created_at: isoTime(e.createdAt) };
}

/** What every order event carries: 003's webhook fields (order_id, customer_id, total, items) and the status. */
export function toOrderEventData(order: OrderDto): Record<string, unknown> {
  return {
    order_id: order.id,
    customer_id: order.customer_id,
    total: order.total,
    status: order.status,
    items: order.items.map((item) => ({ product_id: item.product_id, quantity: item.quantity })),
  };
}
