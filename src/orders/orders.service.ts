import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { NotFound } from '../common/errors/app-error';
import { isoTime } from '../common/http/serialize';
import { CustomersService } from '../customers/customers.service';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import { TenantRepository } from '../database/tenant-repository';
import { OutboxEvent } from '../events/event.entity';
import { InsufficientStock } from '../inventory/inventory.errors';
import { StockLedger } from '../inventory/stock-ledger.service';
import { Product } from '../products/entities/product.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { CreateOrderDto, OrderDto, OrderItemInputDto, OrderListQueryDto, OrderNoteDto, OrderStatusUpdateDto } from './dto/order.dto';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import { canTransition, InvalidStatusTransition } from './order-status';
import { toOrderDto } from './orders.mapper';
import { parseOrdering } from '../common/http/pagination';

/** quantity × unit price to the cent, exactly (integer cents), as the generated column computes it. */
function lineTotal(quantity: number, unitPrice: string): string {
  const [whole, cents = ''] = unitPrice.split('.');
  return ((quantity * (Number(whole) * 100 + Number(cents.padEnd(2, '0')))) / 100).toFixed(2);
}

const ORDERING: Record<string, string> = { id: 'o.id', created_at: 'o.created_at', total: 'o.total', status: 'o.status' };
/** How many stock rows a line without a warehouse may try, best first, when others win the race. */
const CANDIDATES = 5;

interface Candidate {
  id: number;
  warehouse_id: number;
  available: number;
}

@Injectable()
export class OrdersService {
  private readonly orders: TenantRepository<Order>;
  private readonly lines: TenantRepository<OrderLine>;
  private readonly history: TenantRepository<OrderEvent>;
  private readonly products: TenantRepository<Product>;
  private readonly warehouses: TenantRepository<Warehouse>;
  private readonly outbox: TenantRepository<OutboxEvent>;

  constructor(
    sessions: Sessions,
    private readonly ledger: StockLedger,
    private readonly customers: CustomersService,
  ) {
    this.orders = new TenantRepository(Order, sessions);
    this.lines = new TenantRepository(OrderLine, sessions);
    this.history = new TenantRepository(OrderEvent, sessions);
    this.products = new TenantRepository(Product, sessions);
    this.warehouses = new TenantRepository(Warehouse, sessions);
    this.outbox = new TenantRepository(OutboxEvent, sessions);
  }

  async list(auth: AuthContext, query: OrderListQueryDto): Promise<{ count: number; results: OrderDto[] }> {
    const qb = this.orders.query(auth, 'o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.customer_id !== undefined) qb.andWhere('o.customer_id = :customer', { customer: query.customer_id });
    if (query.date_from) qb.andWhere('o.created_at >= :from::date', { from: query.date_from });
    if (query.date_to) qb.andWhere(`o.created_at < :to::date + interval '1 day'`, { to: query.date_to });
    if (query.min_total !== undefined) qb.andWhere('o.total >= :minTotal', { minTotal: query.min_total });
    if (query.max_total !== undefined) qb.andWhere('o.total <= :maxTotal', { maxTotal: query.max_total });
    for (const [column, direction] of parseOrdering(query.ordering, ORDERING, '-created_at')) qb.addOrderBy(column, direction);
    qb.addOrderBy('o.id', 'DESC');
    const [rows, count] = await qb.offset((query.page - 1) * query.page_size).limit(query.page_size).getManyAndCount();
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
    const customer = await this.customers.load(auth, dto.customer_id);
    const productIds = [...new Set(dto.items.map((i) => i.product_id))];
    const products = new Map((await this.products.find(auth, { where: { id: In(productIds) } })).map((p) => [p.id, p]));
    const missingProduct = productIds.find((id) => !products.has(id));
    if (missingProduct !== undefined) throw new NotFound(`Product ${missingProduct} not found.`);
    const warehouseIds = [...new Set(dto.items.flatMap((i) => (i.warehouse_id === undefined ? [] : [i.warehouse_id])))];
    const found = new Set((await this.warehouses.find(auth, { where: { id: In(warehouseIds) } })).map((w) => w.id));
    const missingWarehouse = warehouseIds.find((id) => !found.has(id));
    if (missingWarehouse !== undefined) throw new NotFound(`Warehouse ${missingWarehouse} not found.`);

    const shipping = dto.shipping_address ?? customer.shippingAddress;
    const order = await this.orders.insert(auth, {
      customerId: customer.id,
      status: 'pending',
      shippingAddress: shipping ? { ...shipping } : null,
      billingAddress: dto.billing_address ? { ...dto.billing_address } : (customer.billingAddress ?? (shipping ? { ...shipping } : null)),
      createdBy: auth.userId,
    });
    const reference = `order:${order.id}`;

    // Everything but the reservations first: while an order holds a stock row's lock,
    // every other order for that row waits, so the reservations come last, just before
    // the commit, and each is a single statement.
    const picks = await Promise.all(dto.items.map(async (item, index) => ({ item, index, candidates: await this.candidates(auth, item) })));
    const uncovered: Record<string, string[]> = {};
    const uncover = (index: number, item: OrderItemInputDto) => {
      uncovered[`items[${index}]`] = [`Not enough stock of ${products.get(item.product_id)!.sku} for ${item.quantity}.`];
    };
    for (const { item, index, candidates } of picks) if (candidates.length === 0) uncover(index, item);
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);

    const lines = await this.lines.manager(auth).save(
      OrderLine,
      picks.map(({ item, index, candidates }) =>
        this.lines.manager(auth).create(OrderLine, {
          companyId: auth.companyId,
          orderId: order.id,
          lineNo: index + 1,
          productId: item.product_id,
          warehouseId: candidates[0].warehouse_id,
          stockLevelId: candidates[0].id,
          quantity: item.quantity,
          unitPrice: item.unit_price === undefined ? products.get(item.product_id)!.price : item.unit_price.toFixed(2),
        }),
      ),
    );
    // The total in SQL numerics, from the lines' generated totals.
    const [{ total }] = await sqlRows<{ total: string }>(
      this.orders.manager(auth),
      `update orders set total = (select coalesce(sum(line_total), 0) from order_lines where company_id = $1 and order_id = $2)
        where company_id = $1 and id = $2 returning total::text`,
      [auth.companyId, order.id],
    );
    const events = [await this.history.insert(auth, { orderId: order.id, kind: 'status', fromStatus: null, toStatus: 'pending', userId: auth.userId })];
    if (dto.notes) events.push(await this.history.insert(auth, { orderId: order.id, kind: 'note', note: dto.notes, userId: auth.userId }));
    await this.outbox.insert(auth, {
      type: 'order.created',
      payload: { order_id: order.id, customer_id: customer.id, total: Number(total), items: dto.items.map((i) => ({ product_id: i.product_id, quantity: i.quantity })) },
    });
    // The answer from what this request wrote (re-reading it would cost four statements).
    order.total = total;
    for (const line of lines) line.lineTotal = lineTotal(line.quantity, line.unitPrice);
    const answer = toOrderDto(order, lines, products, events);

    // Reserve in stock-row id order (deadlock-free). A line whose first choice was taken
    // meanwhile tries its other candidates; a line none can cover fails the whole order.
    const byRow = picks.map((pick) => ({ ...pick, line: lines.find((l) => l.lineNo === pick.index + 1)! })).sort((a, b) => a.line.stockLevelId - b.line.stockLevelId || a.index - b.index);
    for (const { item, index, candidates, line } of byRow) {
      let taken: Candidate | undefined;
      for (const candidate of candidates) {
        if (await this.ledger.reserve(auth, candidate.id, item.quantity, { reference })) {
          taken = candidate;
          break;
        }
      }
      if (!taken) uncover(index, item);
      else if (taken.id !== line.stockLevelId) {
        await this.lines.manager(auth).update(OrderLine, { companyId: auth.companyId, id: line.id }, { stockLevelId: taken.id, warehouseId: taken.warehouse_id });
        answer.items.find((i) => i.id === line.id)!.warehouse_id = taken.warehouse_id;
      }
    }
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
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

  /** Stock rows that can cover the line, most available first. */
  private candidates(auth: AuthContext, item: OrderItemInputDto): Promise<Candidate[]> {
    return sqlRows<Candidate>(
      this.orders.manager(auth),
      `select id, warehouse_id, available from stock_levels
        where company_id = $1 and product_id = $2 and ($3::int is null or warehouse_id = $3) and (available >= $4 or allow_negative)
        order by available desc, id limit ${CANDIDATES}`,
      [auth.companyId, item.product_id, item.warehouse_id ?? null, item.quantity],
    );
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
    return orders.map((o) =>
      toOrderDto(o, lines.filter((l) => l.orderId === o.id), products, events.filter((e) => e.orderId === o.id)),
    );
  }
}
