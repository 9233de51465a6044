import { EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import type { Address } from '../customers/entities/customer.entity';
import { QueryFailedError } from 'typeorm';
import type { Sessions } from '../database/sessions';
import { preparedRows } from '../database/sql';
import { RESERVATION, reservationParams } from '../inventory/stock-ledger.service';
import type { OrderItemInputDto } from './dto/order.dto';

/**
 * Placing an order is the API's hottest write, so its reads and its writes are one
 * statement each (every round trip costs both the server and PostgreSQL more than the
 * work itself). Both filter on company_id like every repository does; row-level security
 * applies underneath as everywhere.
 */

/** How many stock rows a line without a warehouse may try, best first, when others win the race. */
const CANDIDATES = 5;

export interface Candidate {
  id: number;
  warehouse_id: number;
}

export interface OrderPlan {
  customer: { id: number; shipping_address: Address | null; billing_address: Address | null } | null;
  products: { id: number; sku: string; name: string; price: string }[];
  /** The requested warehouses that exist. */
  warehouses: number[];
  /** Per line, in request order: the stock rows that can cover it, most available first. */
  candidates: Candidate[][];
}

/**
 * The plan's statement over a source of items (product_id, warehouse_id, quantity, n). A
 * one-line order reads its item from scalar parameters: PostgreSQL then settles on one
 * generic plan for the statement, where an array of unknown length keeps it planning the
 * statement anew on every call (half a millisecond of its time per order).
 */
const planSql = (items: string) =>
  `with item as (${items})
     select
       (select json_build_object('id', c.id, 'shipping_address', c.shipping_address, 'billing_address', c.billing_address)
          from customers c where c.company_id = $1 and c.id = $2) as customer,
       (select coalesce(json_agg(json_build_object('id', p.id, 'sku', p.sku, 'name', p.name, 'price', p.price::text)), '[]')
          from products p where p.company_id = $1 and p.id in (select product_id from item)) as products,
       (select coalesce(json_agg(w.id), '[]')
          from warehouses w where w.company_id = $1 and w.id in (select warehouse_id from item)) as warehouses,
       (select json_agg(coalesce(c.rows, '[]') order by i.n) from item i
          left join lateral (
            select json_agg(json_build_object('id', s.id, 'warehouse_id', s.warehouse_id) order by s.available desc, s.id) as rows
              from (select id, warehouse_id, available from stock_levels s
                     where s.company_id = $1 and s.product_id = i.product_id
                       and (i.warehouse_id is null or s.warehouse_id = i.warehouse_id)
                       and (s.available >= i.quantity or s.allow_negative)
                     order by s.available desc, s.id limit ${CANDIDATES}) s
          ) c on true) as candidates`;
const PLAN_ONE_ITEM = planSql('select $3::int as product_id, $4::int as warehouse_id, $5::int as quantity, 1::bigint as n');
const PLAN_ITEMS = planSql('select * from unnest($3::int[], $4::int[], $5::int[]) with ordinality as i(product_id, warehouse_id, quantity, n)');

/** The customer, the products, the warehouses and every line's candidate stock rows, in one read. */
export async function readOrderPlan(m: EntityManager, auth: AuthContext, customerId: number, items: OrderItemInputDto[]): Promise<OrderPlan> {
  const column = <T>(pick: (item: OrderItemInputDto) => T) => (items.length === 1 ? pick(items[0]) : items.map(pick));
  const [plan] = await preparedRows<OrderPlan>(m, items.length === 1 ? PLAN_ONE_ITEM : PLAN_ITEMS, [
    auth.companyId,
    customerId,
    column((i) => i.product_id),
    column((i) => i.warehouse_id ?? null),
    column((i) => i.quantity),
  ]);
  return plan;
}

export interface NewLine {
  productId: number;
  warehouseId: number;
  stockLevelId: number;
  quantity: number;
  /** Two decimals, as stored. */
  unitPrice: string;
}

export interface WrittenOrder {
  id: number;
  total: string;
  created_at: Date;
  updated_at: Date;
  lines: { id: number; line_no: number; line_total: string }[];
  events: { id: number; kind: 'status' | 'note'; created_at: string }[];
}

/**
 * The order, its lines, its total (SQL numerics, the lines' own rounding), its first history
 * entries and its `order.created` event, in one statement.
 */
export async function writeOrder(
  m: EntityManager,
  auth: AuthContext,
  order: { customerId: number; shippingAddress: Address | null; billingAddress: Address | null; notes: string | null },
  lines: NewLine[],
): Promise<WrittenOrder> {
  const [written] = await preparedRows<WrittenOrder>(
    m,
    `with line as (
       select * from unnest($7::int[], $8::int[], $9::bigint[], $10::int[], $11::numeric[]) with ordinality
         as l(product_id, warehouse_id, stock_level_id, quantity, unit_price, n)
     ), new_order as (
       insert into orders (company_id, customer_id, status, total, shipping_address, billing_address, created_by)
       select $1, $2, 'pending', coalesce(sum(round(quantity * unit_price, 2)), 0), $3::jsonb, $4::jsonb, $5 from line
       returning id, total, created_at, updated_at
     ), new_lines as (
       insert into order_lines (company_id, order_id, line_no, product_id, warehouse_id, stock_level_id, quantity, unit_price)
       select $1, o.id, l.n, l.product_id, l.warehouse_id, l.stock_level_id, l.quantity, l.unit_price from new_order o, line l
       returning id, line_no, line_total
     ), history as (
       insert into order_events (company_id, order_id, kind, from_status, to_status, note, user_id)
       select $1, o.id, e.kind, null, e.to_status, e.note, $5
         from new_order o, (values (1, 'status', 'pending', ''), (2, 'note', null, $6::text)) as e(n, kind, to_status, note)
        where e.kind = 'status' or $6::text is not null
        order by e.n
       returning id, kind, created_at
     ), created as (
       insert into events (company_id, type, payload)
       select $1, 'order.created', jsonb_build_object(
                'order_id', o.id, 'customer_id', $2::int, 'total', o.total,
                'items', (select jsonb_agg(jsonb_build_object('product_id', product_id, 'quantity', quantity) order by n) from line))
         from new_order o
     )
     select o.id, o.total::text as total, o.created_at, o.updated_at,
            (select json_agg(json_build_object('id', id, 'line_no', line_no, 'line_total', line_total::text) order by line_no) from new_lines) as lines,
            (select json_agg(json_build_object('id', id, 'kind', kind, 'created_at', created_at) order by id) from history) as events
       from new_order o`,
    [
      auth.companyId,
      order.customerId,
      order.shippingAddress && JSON.stringify(order.shippingAddress),
      order.billingAddress && JSON.stringify(order.billingAddress),
      auth.userId,
      order.notes,
      lines.map((l) => l.productId),
      lines.map((l) => l.warehouseId),
      lines.map((l) => l.stockLevelId),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
    ],
  );
  return written;
}

export interface LineReservation {
  /** Stock-row ids, best first. */
  candidates: number[];
  quantity: number;
  reference: string;
  lineId: number;
}

/** The ledger's reservation, with the line moved to the stock row it came from when that was not its first choice. */
function lineReservation(required: boolean): string {
  return `with ${RESERVATION}, moved_line as (
     update order_lines l set stock_level_id = r.id, warehouse_id = r.warehouse_id
       from reserved r
      where l.company_id = $1 and l.id = $7 and l.stock_level_id <> r.id
   )
   select ${required ? "stockroom_require(count(*) = 1, 'not enough stock for the line') as reserved, " : ''}max(warehouse_id) as warehouse_id from reserved`;
}
const RESERVE_LINE = lineReservation(false);
const RESERVE_LINE_OR_FAIL = lineReservation(true);
/** stockroom_require's SQLSTATE (migrations). */
const REQUIREMENT_FAILED = 'SR409';

function lineParams(auth: AuthContext, line: LineReservation): (number | string | number[])[] {
  return [...reservationParams(auth, line.candidates, line.quantity, { reference: line.reference }), line.lineId];
}

/** Reserves a line; the warehouse it was reserved in, or null when no candidate could cover it. */
export async function reserveLine(m: EntityManager, auth: AuthContext, line: LineReservation): Promise<number | null> {
  const [row] = await preparedRows<{ warehouse_id: number | null }>(m, RESERVE_LINE, lineParams(auth, line));
  return row.warehouse_id;
}

/**
 * Reserves the order's last line and commits the order, in one round trip. Null when no
 * candidate could cover the line: the transaction is then aborted, for the caller to roll back.
 */
export async function reserveLastLineAndCommit(sessions: Sessions, auth: AuthContext, line: LineReservation): Promise<number | null> {
  try {
    const [row] = await sessions.commitWith<{ warehouse_id: number }>(auth, RESERVE_LINE_OR_FAIL, lineParams(auth, line));
    return row.warehouse_id;
  } catch (err) {
    if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === REQUIREMENT_FAILED) return null;
    throw err;
  }
}
