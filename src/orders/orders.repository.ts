import { MarketplaceConnection } from '../marketplace/entities/marketplace-connection.entity';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { parseOrdering } from '../common/http/pagination';
import { readAheadById } from '../database/read-ahead';
import { Sessions } from '../database/sessions';
import type { SqlLiteral } from '../database/sql';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { PaymentTransaction } from '../payments/payment.entities';
import { Product } from '../products/entities/product.entity';
import { Shipment } from '../shipping/shipment.entity';
import type { OrderListQueryDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import type { OrderRelations, OrderRow } from './orders.mapper';

/** An order with everything its answer shows (lines with their bins and products, history, settled payments, shipments), in one statement. */
export const ORDER_DETAIL = new Statement<'company' | 'id'>(
  (p) => `select o.id, o.customer_id, o.status, o.total::text as total, o.shipping_address, o.billing_address, o.channel_connection_id,
                 o.created_at, o.updated_at,
                 coalesce((select json_agg(json_build_object('id', l.id, 'product_id', l.product_id, 'warehouse_id', l.warehouse_id,
                                                             'location_id', s.location_id, 'quantity', l.quantity, 'unit_price', l.unit_price::text,
                                                             'line_total', l.line_total::text, 'sku', pr.sku, 'name', pr.name) order by l.line_no)
                             from order_lines l
                             left join stock_levels s on s.company_id = ${p('company')} and s.id = l.stock_level_id
                             left join products pr on pr.company_id = ${p('company')} and pr.id = l.product_id
                            where l.company_id = ${p('company')} and l.order_id = o.id), '[]') as lines,
                 coalesce((select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'note', e.note, 'user_id', e.user_id,
                                                             'from_status', e.from_status, 'to_status', e.to_status, 'created_at', e.created_at) order by e.id)
                             from order_events e where e.company_id = ${p('company')} and e.order_id = o.id), '[]') as events,
                 coalesce((select json_agg(json_build_object('status', t.status, 'amount', t.amount::text))
                             from payment_transactions t
                            where t.company_id = ${p('company')} and t.order_id = o.id and t.status in ('completed', 'refunded')), '[]') as payments,
                 array(select h.id from shipments h where h.company_id = ${p('company')} and h.order_id = o.id order by h.id) as shipment_ids
            from orders o
           where o.company_id = ${p('company')} and o.id = ${p('id')}`,
);
/** The order detail's one read, done with the caller's token check (its route ReadsAhead). */
export const ORDER_READ_AHEAD = readAheadById(ORDER_DETAIL);

interface OrderDetailRow {
  id: number;
  customer_id: number;
  status: OrderRow['status'];
  total: string;
  shipping_address: OrderRow['shippingAddress'];
  billing_address: OrderRow['billingAddress'];
  channel_connection_id: number | null;
  created_at: Date;
  updated_at: Date;
  lines: Array<{
    id: number;
    product_id: number;
    warehouse_id: number;
    location_id: number | null;
    quantity: number;
    unit_price: string;
    line_total: string;
    sku: string | null;
    name: string | null;
  }>;
  events: Array<{
    id: number;
    kind: 'status' | 'note';
    note: string;
    user_id: number | null;
    from_status: OrderRow['status'] | null;
    to_status: OrderRow['status'] | null;
    created_at: string;
  }>;
  payments: OrderRelations['payments'];
  shipment_ids: number[];
}

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
    private readonly sessions: Sessions,
  ) {}

  /**
   * One order and its relations, read as its request's last statement: one statement, sent with
   * the COMMIT of the (read-only) transaction (Sessions.commitWith), where `findOne` and
   * `details` take seven round trips.
   */
  async lastReadWithDetails(key: TenantKey, id: number): Promise<{ order: OrderRow; relations: OrderRelations } | null> {
    const [row] = await this.sessions.commitWith<OrderDetailRow>(key, ORDER_DETAIL.text, ORDER_DETAIL.values({ company: key.companyId, id }) as SqlLiteral[]);
    if (!row) return null;
    const order: OrderRow = {
      id: row.id,
      customerId: row.customer_id,
      status: row.status,
      total: row.total,
      shippingAddress: row.shipping_address,
      billingAddress: row.billing_address,
      channelConnectionId: row.channel_connection_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    const products = new Map(row.lines.filter((l) => l.sku !== null).map((l) => [l.product_id, { sku: l.sku!, name: l.name! }]));
    return {
      order,
      relations: {
        lines: row.lines.map((l) => ({
          id: l.id,
          productId: l.product_id,
          warehouseId: l.warehouse_id,
          locationId: l.location_id,
          quantity: l.quantity,
          unitPrice: l.unit_price,
          lineTotal: l.line_total,
        })),
        products,
        events: row.events.map((e) => ({
          id: e.id,
          kind: e.kind,
          note: e.note,
          userId: e.user_id,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          createdAt: new Date(e.created_at),
        })),
        payments: row.payments,
        shipmentIds: row.shipment_ids,
      },
    };
  }

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
