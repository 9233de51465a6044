import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { NotFound } from '../common/errors/app-error';
import { definedOnly } from '../common/defined';
import { isoTime } from '../common/http/serialize';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { EventWriter } from '../events/event-writer';
import { Order } from '../orders/entities/order.entity';
import { InvalidStatusTransition } from '../orders/order-status';
import { OrdersService } from '../orders/orders.service';
import { CreateShipmentDto, ShipmentDto, ShipmentListQueryDto, ShippingAnalyticsDto, UpdateShipmentDto } from './dto/shipment.dto';
import { Shipment } from './shipment.entity';
import { toShipmentDto, toShippingAnalytics } from './shipping.mapper';
import { ShippingRepository } from './shipping.repository';

const DAYS = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;

@Injectable()
export class ShippingService {
  constructor(
    @InjectTenantRepository(Shipment) private readonly shipments: TenantRepository<Shipment>,
    @InjectTenantRepository(Order) private readonly orders: TenantRepository<Order>,
    private readonly figures: ShippingRepository,
    private readonly orderFlow: OrdersService,
    private readonly events: EventWriter,
  ) {}

  async list(auth: AuthContext, query: ShipmentListQueryDto): Promise<{ count: number; results: ShipmentDto[] }> {
    const [rows, count] = await this.shipments.findAndCount(auth, {
      where: definedOnly({ status: query.status, carrier: query.carrier, orderId: query.order_id }),
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    });
    return { count, results: rows.map(toShipmentDto) };
  }

  async get(auth: AuthContext, id: number): Promise<ShipmentDto> {
    return toShipmentDto(await this.load(auth, id));
  }

  /**
   * 003's clients mark the order shipped and then record the shipment, or record the
   * shipment of a confirmed or processing order, which moves it to shipped (its stock
   * reservations become deductions). Pending, cancelled or delivered orders: 409.
   */
  async create(auth: AuthContext, dto: CreateShipmentDto): Promise<ShipmentDto> {
    const order = await this.orders.findOne(auth, { id: dto.order_id });
    if (!order) throw new NotFound('Order not found.');
    if (!['confirmed', 'processing', 'shipped'].includes(order.status)) throw new InvalidStatusTransition(order.status, 'shipped');
    const note = `Shipped with ${dto.carrier}${dto.tracking_number ? ` (${dto.tracking_number})` : ''}`;
    if (order.status === 'confirmed') await this.orderFlow.changeStatus(auth, order.id, { status: 'processing' });
    if (order.status !== 'shipped') await this.orderFlow.changeStatus(auth, order.id, { status: 'shipped', note });
    const shipment = await this.shipments.insert(auth, {
      orderId: order.id,
      carrier: dto.carrier,
      serviceType: dto.service_type ?? '',
      trackingNumber: dto.tracking_number ?? '',
      shippingCost: (dto.shipping_cost ?? 0).toFixed(2),
      estimatedDelivery: dto.estimated_delivery ?? null,
      status: 'shipped',
      shippedAt: new Date(),
    });
    await this.events.emit(auth, 'shipment.created', {
      shipment_id: shipment.id,
      order_id: order.id,
      carrier: shipment.carrier,
      tracking_number: shipment.trackingNumber,
    });
    return toShipmentDto(shipment);
  }

  /** In transit or delivered; delivery sets delivered_at, writes shipment.delivered and delivers the order. */
  async update(auth: AuthContext, id: number, dto: UpdateShipmentDto): Promise<ShipmentDto> {
    const shipment = await this.load(auth, id);
    if (dto.tracking_number !== undefined) shipment.trackingNumber = dto.tracking_number;
    if (dto.status === 'in_transit' && shipment.status !== 'delivered') shipment.status = 'in_transit';
    if (dto.status === 'delivered' && shipment.status !== 'delivered') {
      shipment.status = 'delivered';
      shipment.deliveredAt = dto.delivered_at ? new Date(dto.delivered_at) : new Date();
      await this.events.emit(auth, 'shipment.delivered', {
        shipment_id: shipment.id,
        order_id: shipment.orderId,
        carrier: shipment.carrier,
        delivered_at: isoTime(shipment.deliveredAt),
      });
      const order = await this.orders.findOne(auth, { id: shipment.orderId });
      if (order?.status === 'shipped') await this.orderFlow.changeStatus(auth, order.id, { status: 'delivered' });
    }
    await this.shipments.save(auth, shipment);
    return this.get(auth, id);
  }

  /** 003's analytics over the shipments of the period, computed in SQL. */
  async analytics(auth: AuthContext, period: keyof typeof DAYS): Promise<ShippingAnalyticsDto> {
    const totals = await this.figures.totals(auth, DAYS[period]);
    const carriers = await this.figures.byCarrier(auth, DAYS[period]);
    return toShippingAnalytics(totals, carriers);
  }

  private async load(auth: AuthContext, id: number): Promise<Shipment> {
    const shipment = await this.shipments.findOne(auth, { id });
    if (!shipment) throw new NotFound('Shipment not found.');
    return shipment;
  }
}
