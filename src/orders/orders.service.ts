import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { NotFound } from '../common/errors/app-error';
import { isoTime } from '../common/http/serialize';
import { Sessions } from '../database/sessions';
import { TenantRepository } from '../database/tenant-repository';
import { OutboxEvent } from '../events/event.entity';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { PaymentTransaction } from '../payments/payment.entities';
import { Shipment } from '../shipping/shipment.entity';
import { InsufficientStock } from '../inventory/inventory.errors';
import { StockLedger } from '../inventory/stock-ledger.service';
import { Product } from '../products/entities/product.entity';
import { CreateOrderDto, OrderDto, OrderItemInputDto, OrderListQueryDto, OrderNoteDto, OrderStatusUpdateDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import { canTransition, InvalidStatusTransition } from './order-status';
import { placeOrder, reserveLastLineAndCommit, reserveLine } from './order-placement';
import { toOrderDto, toPlacedOrderDto } from './orders.mapper';
import { parseOrdering } from '../common/http/pagination';

const ORDERING: Record<string, string> = { id: 'o.id', created_at: 'o.created_at', total: 'o.total', status: 'o.status' };

@Injectable()
export class OrdersService {
  private readonly orders: TenantRepository<Order>;
  private readonly lines: TenantRepository<OrderLine>;
  private readonly history: TenantRepository<OrderEvent>;
  private readonly products: TenantRepository<Product>;
  private readonly outbox: TenantRepository<OutboxEvent>;
  private readonly payments: TenantRepository<PaymentTransaction>;
  private readonly shipments: TenantRepository<Shipment>;
  private readonly levels: TenantRepository<StockLevel>;

  constructor(
    private readonly sessions: Sessions,
    private readonly ledger: StockLedger,
  ) {
    this.orders = new TenantRepository(Order, sessions);
    this.lines = new TenantRepository(OrderLine, sessions);
    this.history = new TenantRepository(OrderEvent, sessions);
    this.products = new TenantRepository(Product, sessions);
    this.payments = new TenantRepository(PaymentTransaction, sessions);
    this.shipments = new TenantRepository(Shipment, sessions);
    this.levels = new TenantRepository(StockLevel, sessions);
    this.outbox = new TenantRepository(OutboxEvent, sessions);
  }

  async list(auth: AuthContext, query: OrderListQueryDto): Promise<{ count: number; results: OrderDto[] }> {
    const qb = this.orders.query(auth, 'o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.customer_id !== undefined) qb.andWhere('o.customer_id = :customer', { customer: query.customer_id });
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
    qb.addOrderBy('o.id', 'DESC');
    const [rows, count] = await qb
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
    return { count, results: await this.toDtos(auth, rows) };
  }

  async get(auth: AuthContext, id: number): Promise<OrderDto> {
    return (await this.toDtos(auth, [await this.load(auth, id)]))[0];
  }

  /**
   * Creates the order and reserves every line in one transaction: lines are reserved in
   * stock-row id order, each with one conditional UPDATE. If any line cannot be covered the
   * whole order fails with 409 INSUFFICIENT_STOCK naming the lines, and nothing is reserved.
   */
  async create(auth: AuthContext, dto: CreateOrderDto): Promise<OrderDto> {
    const m = this.orders.manager(auth);
    const placed = await placeOrder(
      m,
      auth,
      { customerId: dto.customer_id, shippingAddress: dto.shipping_address ?? null, billingAddress: dto.billing_address ?? null, notes: dto.notes || null },
      dto.items,
    );
    if (!placed.customer) throw new NotFound('Customer not found.');
    const products = new Map(placed.products.map((p) => [p.id, p]));
    const missingProduct = dto.items.find((i) => !products.has(i.product_id));
    if (missingProduct) throw new NotFound(`Product ${missingProduct.product_id} not found.`);
    const missingWarehouse = dto.items.find((i) => i.warehouse_id !== undefined && !placed.warehouses.includes(i.warehouse_id));
    if (missingWarehouse) throw new NotFound(`Warehouse ${missingWarehouse.warehouse_id} not found.`);

    const uncovered: Record<string, string[]> = {};
    const uncover = (index: number, item: OrderItemInputDto) => {
      uncovered[`items[${index}]`] = [`Not enough stock of ${products.get(item.product_id)!.sku} for ${item.quantity}.`];
    };
    dto.items.forEach((item, index) => placed.candidates[index].length === 0 && uncover(index, item));
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    const { written } = placed;
    if (!written) throw new Error('The order was not written although every check passed');

    // The lines as the statement wrote them: each on its first candidate.
    const lines = dto.items.map((item, index) => ({
      productId: item.product_id,
      warehouseId: placed.candidates[index][0].warehouse_id,
      stockLevelId: placed.candidates[index][0].id,
      quantity: item.quantity,
      unitPrice: item.unit_price === undefined ? products.get(item.product_id)!.price : item.unit_price.toFixed(2),
    }));
    const answer = toPlacedOrderDto(auth, dto, lines, written, products);

    // Reserve in stock-row id order (deadlock-free), each line from the first of its
    // candidates that still covers it. The last reservation is sent with the COMMIT, so the
    // hot row's lock lasts only as long as PostgreSQL's own work.
    const reference = `order:${written.id}`;
    const byRow = dto.items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => lines[a.index].stockLevelId - lines[b.index].stockLevelId || a.index - b.index);
    const reservation = ({ item, index }: (typeof byRow)[number]) => ({
      candidates: placed.candidates[index].map((c) => c.id),
      quantity: item.quantity,
      reference,
      lineId: answer.items[index].id,
    });
    for (const line of byRow.slice(0, -1)) {
      const at = await reserveLine(m, auth, reservation(line));
      if (at === null) uncover(line.index, line.item);
      else Object.assign(answer.items[line.index], { warehouse_id: at.warehouseId, location_id: at.locationId });
    }
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    const last = byRow[byRow.length - 1];
    const at = await reserveLastLineAndCommit(this.sessions, auth, reservation(last));
    if (at === null) {
      uncover(last.index, last.item);
      throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    }
    Object.assign(answer.items[last.index], { warehouse_id: at.warehouseId, location_id: at.locationId });
    return answer;
  }

  /** 003's status change, with its stock effects: shipping deducts the reservations, cancelling releases them. */
  async changeStatus(auth: AuthContext, id: number, dto: OrderStatusUpdateDto): Promise<OrderDto> {
    const [order] = await this.orders.query(auth, 'o').andWhere('o.id = :id', { id }).setLock('pessimistic_write').getMany();
    if (!order) throw new NotFound('Order not found.');
    const from = order.status;
    if (!canTransition(from, dto.status)) throw new InvalidStatusTransition(from, dto.status);
    if (dto.status === 'shipped' || dto.status === 'cancelled') {
      const lines = await this.lines.find(auth, { where: { orderId: id }, order: { stockLevelId: 'ASC', id: 'ASC' } });
      const reference = `order:${id}`;
      for (const line of lines) {
        if (dto.status === 'shipped') await this.ledger.ship(auth, line.stockLevelId, line.quantity, { reference });
        else await this.ledger.release(auth, line.stockLevelId, line.quantity, { reference });
      }
    }
    order.status = dto.status;
    await this.orders.save(auth, order);
    await this.history.insert(auth, { orderId: id, kind: 'status', fromStatus: from, toStatus: dto.status, note: dto.note ?? '', userId: auth.userId });
    await this.outbox.insert(auth, { type: 'order.updated', payload: { order_id: id, status: dto.status, previous_status: from } });
    return this.get(auth, id);
  }

  async addNote(auth: AuthContext, id: number, note: string): Promise<OrderNoteDto> {
    await this.load(auth, id);
    const event = await this.history.insert(auth, { orderId: id, kind: 'note', note, userId: auth.userId });
    await this.outbox.insert(auth, { type: 'order.updated', payload: { order_id: id, note_id: event.id } });
    return { id: event.id, note: event.note, user_id: event.userId, created_at: isoTime(event.createdAt) };
  }

  private async load(auth: AuthContext, id: number): Promise<Order> {
    const order = await this.orders.findOne(auth, { id });
    if (!order) throw new NotFound('Order not found.');
    return order;
  }

  private async toDtos(auth: AuthContext, orders: Order[]): Promise<OrderDto[]> {
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const lines = await this.lines.find(auth, { where: { orderId: In(ids) }, order: { lineNo: 'ASC' } });
    const events = await this.history.find(auth, { where: { orderId: In(ids) }, order: { id: 'ASC' } });
    const products = new Map((await this.products.find(auth, { where: { id: In([...new Set(lines.map((l) => l.productId))]) } })).map((p) => [p.id, p]));
    const bins = new Map(
      (await this.levels.find(auth, { select: { id: true, locationId: true }, where: { id: In([...new Set(lines.map((l) => l.stockLevelId))]) } })).map((s) => [
        Number(s.id),
        s.locationId,
      ]),
    );
    const payments = await this.payments.find(auth, {
      select: { orderId: true, status: true, amount: true },
      where: { orderId: In(ids), status: In(['completed', 'refunded']) },
    });
    const shipments = await this.shipments.find(auth, { select: { id: true, orderId: true }, where: { orderId: In(ids) }, order: { id: 'ASC' } });
    return orders.map((o) =>
      toOrderDto(o, {
        lines: lines.filter((l) => l.orderId === o.id).map((l) => ({ ...l, locationId: bins.get(Number(l.stockLevelId)) ?? null })),
        products,
        events: events.filter((e) => e.orderId === o.id),
        payments: payments.filter((p) => p.orderId === o.id),
        shipmentIds: shipments.filter((s) => s.orderId === o.id).map((s) => s.id),
      }),
    );
  }
}
