import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import type { Address } from '../customers/entities/customer.entity';
import { Sessions } from '../database/sessions';
import { preparedRows } from '../database/sql';
import type { SqlLiteral } from '../database/sql';
import type { Param } from '../database/statement';
import { Statement } from '../database/statement';
import { outboxInsert } from '../events/outbox.repository';
import { OutboxSignal } from '../events/outbox-signal';
import type { ReservationParam } from '../inventory/stock-ledger.repository';
import { reservationCtes, reservationValues } from '../inventory/stock-ledger.repository';
import type { OrderItemInputDto } from './dto/order.dto';

/**
 * Placing an order is the API's hottest write, so everything before its reservations is one
 * statement: every round trip costs both the server and PostgreSQL more than the work
 * itself. The statement filters on company_id like every repository does; row-level security
 * applies underneath as everywhere.
 */

/** How many stock rows a line without a warehouse may try, best first, when others win the race. */
const CANDIDATES = 5;

export interface Candidate {
  id: number;
  warehouse_id: number;
}

export interface WrittenOrder {
  id: number;
  total: string;
  shipping_address: Address | null;
  billing_address: Address | null;
  created_at: string;
  updated_at: string;
  lines: { id: number; line_no: number; line_total: string }[];
  events: { id: number; kind: 'status' | 'note'; created_at: string }[];
}

export interface PlacedOrder {
  /** Null when the customer does not exist (then nothing was written). */
  customer: { id: number } | null;
  products: { id: number; sku: string; name: string; price: string }[];
  /** The requested warehouses that exist. */
  warehouses: number[];
  /** Per line, in request order: the stock rows that can cover it, most available first. */
  candidates: Candidate[][];
  /**
   * The order as written (lines on each line's first candidate), or null when something above
   * fell short: a missing customer, product or warehouse, or a line nothing can cover.
   */
  written: WrittenOrder | null;
}

/**
 * The statement over a source of items (product_id, warehouse_id, quantity, unit_price, n). A
 * one-line order reads its item from scalar parameters: PostgreSQL then settles on one generic
 * plan for the statement, where an array of unknown length keeps it planning the statement
 * anew on every call (half a millisecond of its time per order).
 */
type PlaceParam = 'company' | 'customer' | 'shipping' | 'billing' | 'user' | 'notes' | 'channel' | 'product' | 'warehouse' | 'quantity' | 'unit_price';

const placeStatement = (items: (p: Param<PlaceParam>) => string) =>
  new Statement<PlaceParam>(
    (p) => `with item as (${items(p)}),
   customer as (
     select id, shipping_address, billing_address from customers where company_id = ${p('company')} and id = ${p('customer')}
   ), product as (
     select id, sku, name, price from products where company_id = ${p('company')} and id in (select product_id from item)
   ), warehouse as (
     select id from warehouses where company_id = ${p('company')} and id in (select warehouse_id from item)
   ), candidate as (
     select i.n, c.rows, c.first_id, c.first_warehouse from item i
       left join lateral (
         select json_agg(json_build_object('id', s.id, 'warehouse_id', s.warehouse_id) order by s.available desc, s.id) as rows,
                (array_agg(s.id order by s.available desc, s.id))[1] as first_id,
                (array_agg(s.warehouse_id order by s.available desc, s.id))[1] as first_warehouse
           from (select id, warehouse_id, available from stock_levels s
                  where s.company_id = ${p('company')} and s.product_id = i.product_id
                    and (i.warehouse_id is null or s.warehouse_id = i.warehouse_id)
                    and (s.available >= i.quantity or s.allow_negative)
                  order by s.available desc, s.id limit ${CANDIDATES}) s
       ) c on true
   ), line as (
     select i.n, i.product_id, c.first_warehouse as warehouse_id, c.first_id as stock_level_id, i.quantity,
            coalesce(i.unit_price, p.price) as unit_price
       from item i join candidate c on c.n = i.n join product p on p.id = i.product_id
      where c.first_id is not null
   ), ready as (
     select exists (select 1 from customer)
            and (select count(*) from line) = (select count(*) from item)
            and not exists (select 1 from item where warehouse_id is not null and warehouse_id not in (select id from warehouse)) as ok
   ), new_order as (
     insert into orders (company_id, customer_id, status, total, shipping_address, billing_address, created_by, channel_connection_id)
     select ${p('company')}, c.id, 'pending', (select coalesce(sum(round(quantity * unit_price, 2)), 0) from line),
            coalesce(${p('shipping')}::jsonb, c.shipping_address), coalesce(${p('billing')}::jsonb, c.billing_address, ${p('shipping')}::jsonb, c.shipping_address), ${p('user')},
            ${p('channel')}::int
       from customer c, ready where ready.ok
     returning id, total, shipping_address, billing_address, created_at, updated_at
   ), new_lines as (
     insert into order_lines (company_id, order_id, line_no, product_id, warehouse_id, stock_level_id, quantity, unit_price)
     select ${p('company')}, o.id, l.n, l.product_id, l.warehouse_id, l.stock_level_id, l.quantity, l.unit_price from new_order o, line l
     returning id, line_no, line_total
   ), history as (
     insert into order_events (company_id, order_id, kind, from_status, to_status, note, user_id)
     select ${p('company')}, o.id, e.kind, null, e.to_status, e.note, ${p('user')}
       from new_order o, (values (1, 'status', 'pending', ''), (2, 'note', null, ${p('notes')}::text)) as e(n, kind, to_status, note)
      where e.kind = 'status' or ${p('notes')}::text is not null
      order by e.n
     returning id, kind, created_at
   ), created as (
     ${outboxInsert(
       p('company'),
       'order.created',
       `jsonb_build_object('order_id', o.id, 'customer_id', ${p('customer')}::int, 'total', o.total, 'status', 'pending',
          'items', (select jsonb_agg(jsonb_build_object('product_id', product_id, 'quantity', quantity) order by n) from item))`,
       'from new_order o',
     )}
   )
   select
     (select json_build_object('id', id) from customer) as customer,
     (select coalesce(json_agg(json_build_object('id', id, 'sku', sku, 'name', name, 'price', price::text)), '[]') from product) as products,
     (select coalesce(json_agg(id), '[]') from warehouse) as warehouses,
     (select json_agg(coalesce(rows, '[]') order by n) from candidate) as candidates,
     (select json_build_object(
               'id', o.id, 'total', o.total::text, 'shipping_address', o.shipping_address, 'billing_address', o.billing_address,
               'created_at', o.created_at, 'updated_at', o.updated_at,
               'lines', (select json_agg(json_build_object('id', id, 'line_no', line_no, 'line_total', line_total::text) order by line_no) from new_lines),
               'events', (select json_agg(json_build_object('id', id, 'kind', kind, 'created_at', created_at) order by id) from history))
        from new_order o) as written`,
  );
const PLACE_ONE_ITEM = placeStatement(
  (p) => `select ${p('product')}::int as product_id, ${p('warehouse')}::int as warehouse_id, ${p('quantity')}::int as quantity,
                 ${p('unit_price')}::numeric as unit_price, 1::bigint as n`,
);
const PLACE_ITEMS = placeStatement(
  (p) => `select * from unnest(${p('product')}::int[], ${p('warehouse')}::int[], ${p('quantity')}::int[], ${p('unit_price')}::numeric[])
          with ordinality as i(product_id, warehouse_id, quantity, unit_price, n)`,
);

export interface LineReservation {
  /** Stock-row ids, best first. */
  candidates: number[];
  quantity: number;
  reference: string;
  lineId: number;
}

/** Where a line's stock was reserved: the warehouse, and the bin when the stock row has one. */
export interface ReservedAt {
  warehouseId: number;
  locationId: number | null;
}

/** The ledger's reservation, with the line moved to the stock row it came from when that was not its first choice. */
const lineReservation = (required: boolean) =>
  new Statement<ReservationParam | 'line'>(
    (p) => `with ${reservationCtes(p)}, moved_line as (
     update order_lines l set stock_level_id = r.id, warehouse_id = r.warehouse_id
       from reserved r
      where l.company_id = ${p('company')} and l.id = ${p('line')} and l.stock_level_id <> r.id
   )
   select ${required ? "stockroom_require(count(*) = 1, 'not enough stock for the line') as reserved, " : ''}max(warehouse_id) as warehouse_id,
          max(location_id) as location_id from reserved`,
  );
const RESERVE_LINE = lineReservation(false);
const RESERVE_LINE_OR_FAIL = lineReservation(true);
/** stockroom_require's SQLSTATE (migrations). */
const REQUIREMENT_FAILED = 'SR409';

function lineValues(auth: AuthContext, line: LineReservation): Record<ReservationParam | 'line', unknown> {
  const stamp = { companyId: auth.companyId, userId: auth.userId, note: { type: 'reserve' as const, reference: line.reference } };
  return { ...reservationValues(stamp, line.candidates, line.quantity), line: line.lineId };
}

/** Order placement's statements, on the request's tenant transaction. */
@Injectable()
export class OrderPlacementRepository {
  constructor(
    private readonly sessions: Sessions,
    private readonly signal: OutboxSignal,
  ) {}

  /**
   * Checks and writes an order in one statement: the customer, products, warehouses and every
   * line's candidate stock rows, and, when all of them are there, the order, its lines (each on
   * its first candidate), its total (SQL numerics, the lines' own rounding), its first history
   * entries and its `order.created` event.
   */
  async place(
    auth: AuthContext,
    order: { customerId: number; shippingAddress: Address | null; billingAddress: Address | null; notes: string | null; channelConnectionId: number | null },
    items: OrderItemInputDto[],
  ): Promise<PlacedOrder> {
    const column = <T>(pick: (item: OrderItemInputDto) => T) => (items.length === 1 ? pick(items[0]) : items.map(pick));
    const statement = items.length === 1 ? PLACE_ONE_ITEM : PLACE_ITEMS;
    const values = statement.values({
      company: auth.companyId,
      customer: order.customerId,
      shipping: order.shippingAddress && JSON.stringify(order.shippingAddress),
      billing: order.billingAddress && JSON.stringify(order.billingAddress),
      user: auth.userId,
      notes: order.notes,
      channel: order.channelConnectionId,
      product: column((i) => i.product_id),
      warehouse: column((i) => i.warehouse_id ?? null),
      quantity: column((i) => i.quantity),
      unit_price: column((i) => (i.unit_price === undefined ? null : i.unit_price.toFixed(2))),
    });
    const [placed] = await preparedRows<PlacedOrder>(this.sessions.managerFor(auth), statement.text, values);
    this.signal.written();
    return placed;
  }

  /** Reserves a line (not the order's last); where it was reserved, or null when no candidate could cover it. */
  async reserveLine(auth: AuthContext, line: LineReservation): Promise<ReservedAt | null> {
    this.signal.written();
    const [row] = await preparedRows<{ warehouse_id: number | null; location_id: number | null }>(
      this.sessions.managerFor(auth),
      RESERVE_LINE.text,
      RESERVE_LINE.values(lineValues(auth, line)),
    );
    return row.warehouse_id === null ? null : { warehouseId: row.warehouse_id, locationId: row.location_id };
  }

  /**
   * Reserves the order's last line and COMMITS THE REQUEST'S TRANSACTION, in one round trip:
   * nothing can run in the transaction afterwards. Null when no candidate could cover the
   * line: the transaction is then aborted, for the caller to roll back (by throwing).
   */
  async reserveLastLineAndCommit(auth: AuthContext, line: LineReservation): Promise<ReservedAt | null> {
    this.signal.written();
    try {
      const values = RESERVE_LINE_OR_FAIL.values(lineValues(auth, line)) as SqlLiteral[];
      const [row] = await this.sessions.commitWith<{ warehouse_id: number; location_id: number | null }>(auth, RESERVE_LINE_OR_FAIL.text, values, {
        releaseLocksBeforeFlush: true,
      });
      return { warehouseId: row.warehouse_id, locationId: row.location_id };
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === REQUIREMENT_FAILED) return null;
      throw err;
    }
  }
}
