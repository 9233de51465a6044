import { isoTime } from '../common/http/serialize';
import type { ShipmentDto } from './dto/shipment.dto';
import type { Shipment } from './shipment.entity';

export function toShipmentDto(s: Shipment): ShipmentDto {
  return {
    id: s.id,
    order_id: s.orderId,
    carrier: s.carrier,
    service_type: s.serviceType,
    tracking_number: s.trackingNumber,
    shipping_cost: Number(s.shippingCost),
    estimated_delivery: s.estimatedDelivery,
    status: s.status,
    shipped_at: isoTime(s.shippedAt),
    delivered_at: isoTime(s.deliveredAt),
    created_at: isoTime(s.createdAt),
    updated_at: isoTime(s.updatedAt),
  };
}
