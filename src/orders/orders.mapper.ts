import { isoTime } from '../common/http/serialize';
import { Product } from '../products/entities/product.entity';
import { OrderDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';

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
