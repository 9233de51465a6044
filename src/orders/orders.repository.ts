import { MarketplaceConnection } from '../marketplace/entities/marketplace-connection.entity';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { parseOrdering } from '../common/http/pagination';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { PaymentTransaction } from '../payments/payment.entities';
import { Product } from '../products/entities/product.entity';
import { Shipment } from '../shipping/shipment.entity';
import type { OrderListQueryDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import type { OrderRelations } from './orders.mapper';

const ORDERING: Record<string, string> = { id: 'o.id', created_at: 'o.created_at', total: 'o.total', status: 'o.status' };

/** The orders domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class OrdersRepository {
  constructor(
    @InjectTenantRepository(Order) private readonly orders: TenantRepository<Order>,
    @InjectTenantRepository(OrderLine) private readonly lines: TenantRepository<OrderLine>,
    @InjectTenantRepository(OrderEvent) private readonly history: TenantRepository<OrderEvent>,
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    @InjectTenantRepository(PaymentTransaction) private readonly payments: TenantRepository<PaymentTransaction>,
    @InjectTenantRepository(Shipment) private readonly shipments: TenantRepository<Shipment>,
    @InjectTenantRepository(StockLevel) private readonly levels: TenantRepository<StockLevel>,
    @InjectTenantRepository(MarketplaceConnection) private readonly channels: TenantRepository<MarketplaceConnection>,
  ) {}

  /** Whether the company has this marketplace connection (an order may name it as its channel). */
  hasChannel(key: TenantKey, connectionId: number): Promise<boolean> {
    return this.channels.exists(key, { id: connectionId });
  }

  /** One page of the list: the filters, the requested ordering (newest first by default), then id. */
  page(key: TenantKey, query: OrderListQueryDto): Promise<[Order[], number]> {
    const qb = this.orders.query(key, 'o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.customer_id !== undefined) qb.andWhere('o.customer_id = :customer', { customer: query.customer_id });
    if (query.channel_connection_id !== undefined) qb.andWhere('o.channel_connection_id = :channel', { channel: query.channel_connection_id });
    if (query.product_id !== undefined) {
      qb.andWhere('exists (select 1 from order_lines i where i.company_id = o.company_id and i.order_id = o.id and i.product_id = :product)', {
        product: query.product_id,
      });
    }
    if (query.warehouse_id !== undefined) {
      qb.andWhere('exists (select 1 from order_lines i where i.company_id = o.company_id and i.order_id = o.id and i.warehouse_id = :warehouse)', {
        warehouse: query.warehouse_id,
      });
    }
    if (query.date_from) qb.andWhere('o.created_at >= :from::date', { from: query.date_from });
    if (query.date_to) qb.andWhere(`o.created_at < :to::date + interval '1 day'`, { to: query.date_to });
    if (query.min_total !== undefined) qb.andWhere('o.total >= :minTotal', { minTotal: query.min_total });
    if (query.max_total !== undefined) qb.andWhere('o.total <= :maxTotal', { maxTotal: query.max_total });
    for (const [column, direction] of parseOrdering(query.ordering, ORDERING, '-created_at')) qb.addOrderBy(column, direction);
    return qb
      .addOrderBy('o.id', 'DESC')
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
  }

  findOne(key: TenantKey, id: number): Promise<Order | null> {
    return this.orders.findOne(key, { id });
  }

  /** The order, locked until the transaction ends (a status change). */
  lock(key: TenantKey, id: number): Promise<Order | null> {
    return this.orders.findOneForUpdate(key, { id });
  }

  save(key: TenantKey, order: Order): Promise<Order> {
    return this.orders.save(key, order);
  }

  /** The order's lines in stock-row order (the order in which they are settled). */
  linesBySlot(key: TenantKey, orderId: number): Promise<OrderLine[]> {
    return this.lines.find(key, { where: { orderId }, order: { stockLevelId: 'ASC', id: 'ASC' } });
  }

  addHistory(key: TenantKey, entry: Partial<Pick<OrderEvent, 'orderId' | 'kind' | 'fromStatus' | 'toStatus' | 'note' | 'userId'>>): Promise<OrderEvent> {
    return this.history.insert(key, entry);
  }

  /** Lines (with their bins), products, history, settled payments and shipments of some orders, in a few queries. */
  async details(key: TenantKey, orderIds: number[]): Promise<Map<number, OrderRelations>> {
    const lines = await this.lines.find(key, { where: { orderId: In(orderIds) }, order: { lineNo: 'ASC' } });
    const events = await this.history.find(key, { where: { orderId: In(orderIds) }, order: { id: 'ASC' } });
    const products = new Map((await this.products.find(key, { where: { id: In([...new Set(lines.map((l) => l.productId))]) } })).map((p) => [p.id, p]));
    const levels = await this.levels.find(key, { select: { id: true, locationId: true }, where: { id: In([...new Set(lines.map((l) => l.stockLevelId))]) } });
    const bins = new Map(levels.map((s) => [Number(s.id), s.locationId]));
    const payments = await this.payments.find(key, {
      select: { orderId: true, status: true, amount: true },
      where: { orderId: In(orderIds), status: In(['completed', 'refunded']) },
    });
    const shipments = await this.shipments.find(key, { select: { id: true, orderId: true }, where: { orderId: In(orderIds) }, order: { id: 'ASC' } });
    return new Map(
      orderIds.map((id) => [
        id,
        {
          lines: lines.filter((l) => l.orderId === id).map((l) => ({ ...l, locationId: bins.get(Number(l.stockLevelId)) ?? null })),
          products,
          events: events.filter((e) => e.orderId === id),
          payments: payments.filter((p) => p.orderId === id),
          shipmentIds: shipments.filter((s) => s.orderId === id).map((s) => s.id),
        },
      ]),
    );
  }
}
