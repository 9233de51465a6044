import { isoTime } from '../common/http/serialize';
import type { ShipmentDto, ShippingAnalyticsDto } from './dto/shipment.dto';
import type { CarrierFigures, ShippingTotals } from './shipping.repository';
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

/** The period's figures; rates and averages are null when there was nothing to measure. */
export function toShippingAnalytics(totals: ShippingTotals, carriers: CarrierFigures[]): ShippingAnalyticsDto {
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    total_shipments: totals.total,
    on_time_delivery_rate: num(totals.rate),
    average_shipping_cost: num(totals.cost),
    carrier_performance: carriers.map((c) => ({
      carrier: c.carrier,
      total_shipments: c.total,
      on_time_deliveries: c.on_time,
      average_cost: Number(c.cost),
      average_delivery_time: num(c.days),
    })),
  };
}
