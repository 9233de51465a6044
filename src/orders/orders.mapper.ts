import type { AuthContext } from '../auth/auth-context';
import { isoTime } from '../common/http/serialize';
import { Product } from '../products/entities/product.entity';
import { CreateOrderDto, OrderDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import type { WrittenOrder } from './order-placement';

export function toOrderDto(o: Order, lines: OrderLine[], products: Map<number, Product>, events: OrderEvent[]): OrderDto {
  return {
    id: o.id,
    customer_id: o.customerId,
    status: o.status,
    total: Number(o.total),
    shipping_address: o.shippingAddress,
    billing_address: o.billingAddress,
    items: lines.map((l) => ({
      id: l.id,
      product_id: l.productId,
      sku: products.get(l.productId)?.sku ?? '',
      name: products.get(l.productId)?.name ?? '',
      warehouse_id: l.warehouseId,
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
