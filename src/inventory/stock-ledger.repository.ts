import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Sessions } from '../database/sessions';
import { preparedRows } from '../database/sql';
import type { Param } from '../database/statement';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLevel } from './entities/stock-level.entity';
import { outboxInsert } from '../events/outbox.repository';
import { OutboxSignal } from '../events/outbox-signal';
import type { MovementType } from './entities/stock-movement.entity';

/** A stock row as the ledger reads and returns it. */
export interface LevelRow {
  id: number;
  product_id: number;
  warehouse_id: number;
  location_id: number | null;
  on_hand: number;
  reserved: number;
  available: number;
  min_stock_level: number;
}

export interface MovementNote {
  type: MovementType;
  reason?: string;
  reference?: string;
}

/** Who and why, for the ledger rows a statement writes. */
export interface LedgerStamp {
  companyId: number;
  userId: number | null;
  note: MovementNote;
}

/** Where a stock row lives: one row per product, warehouse and bin (or no bin). */
export interface Slot {
  productId: number;
  warehouseId: number;
  locationId: number | null;
}

export const LEVEL_COLUMNS = 'id, product_id, warehouse_id, location_id, on_hand, reserved, available, min_stock_level';

/** The parameters every ledger write takes (ledgerWrites). */
export type LedgerParam = 'company' | 'type' | 'reason' | 'reference' | 'user';

export function ledgerValues(stamp: LedgerStamp): Record<LedgerParam, unknown> {
  return { company: stamp.companyId, type: stamp.note.type, reason: stamp.note.reason ?? '', reference: stamp.note.reference ?? '', user: stamp.userId };
}

/**
 * THE rule of the stock ledger, as CTEs to follow the CTE `changed` that changed stock rows:
 * one ledger row per changed row whose on-hand or reserved moved, and an inventory.low_stock
 * event for each row that the change took from above its minimum to at or below it.
 * `changed` returns LEVEL_COLUMNS after the change, plus `quantity_delta` and `reserved_delta`.
 * Every change of stock (adjustments, transfers, counts, reservations, shipments, imports)
 * is written through this, so the ledger balances and the low-stock condition is one.
 */
export function ledgerWrites(changed: string, p: Param<LedgerParam>): string {
  return `${changed}_ledger as (
    insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, location_id, type, quantity_delta, reserved_delta, quantity_after, reason, reference, user_id)
    select ${p('company')}::int, id, product_id, warehouse_id, location_id, ${p('type')}::text, quantity_delta, reserved_delta, on_hand,
           ${p('reason')}::text, ${p('reference')}::text, ${p('user')}::int
      from ${changed} where quantity_delta <> 0 or reserved_delta <> 0
  ), ${changed}_low_stock as (
    ${outboxInsert(
      `${p('company')}::int`,
      'inventory.low_stock',
      // The SKU is looked up for the rows that cross only: joined, a million-row import hashed
      // all of the company's products to name a few thousand of them.
      `jsonb_build_object('stock_level_id', c.id, 'product_id', c.product_id,
                          'sku', (select pr.sku from products pr where pr.company_id = ${p('company')}::int and pr.id = c.product_id),
                          'warehouse_id', c.warehouse_id, 'location_id', c.location_id, 'available', c.available, 'min_stock_level', c.min_stock_level)`,
      `from ${changed} c
        where c.available - c.quantity_delta + c.reserved_delta > c.min_stock_level and c.available <= c.min_stock_level`,
    )}
  )`;
}

export type ReservationParam = LedgerParam | 'candidates' | 'quantity';

/**
 * A reservation, as CTEs for one statement: `picked` locks the first of the candidate stock
 * rows, in the order given, that can cover the quantity (or allows negative stock); a row
 * another order drained meanwhile fails that re-check and the next candidate is tried.
 * (The lock is the one UPDATE takes, FOR NO KEY UPDATE: a FOR UPDATE would also wait for the
 * key-share locks that other orders' new lines hold on the row through their foreign key.)
 * `reserved` is that row after the reservation (empty when none could cover it), written to
 * the ledger by ledgerWrites. One conditional change under the row's lock, so of concurrent
 * orders for the last units exactly as many succeed as there are units; the row stays locked
 * from here to the commit, so callers put it last.
 */
export function reservationCtes(p: Param<ReservationParam>): string {
  return `picked as (
    select id from stock_levels
     where company_id = ${p('company')} and id = any(${p('candidates')}::bigint[]) and (allow_negative or on_hand - reserved >= ${p('quantity')})
     order by array_position(${p('candidates')}::bigint[], id)
     limit 1
     for no key update
  ), reserved as (
    update stock_levels set reserved = reserved + ${p('quantity')}, updated_at = now()
     where company_id = ${p('company')} and id = (select id from picked) and (allow_negative or on_hand - reserved >= ${p('quantity')})
     returning ${LEVEL_COLUMNS}, 0 as quantity_delta, ${p('quantity')}::int as reserved_delta
  ), ${ledgerWrites('reserved', p)}`;
}

export function reservationValues(stamp: LedgerStamp, candidates: number[], quantity: number): Record<ReservationParam, unknown> {
  return { ...ledgerValues(stamp), candidates, quantity };
}

const CREATE = new Statement<'company' | 'product' | 'warehouse' | 'location' | 'min' | 'max'>(
  (p) => `insert into stock_levels (company_id, product_id, warehouse_id, location_id, min_stock_level, max_stock_level, allow_negative)
   select ${p('company')}, ${p('product')}, w.id, ${p('location')}, ${p('min')}, ${p('max')}, w.allow_negative_stock
     from warehouses w where w.company_id = ${p('company')} and w.id = ${p('warehouse')}
   on conflict on constraint uq_stock_levels_slot do nothing
   returning ${LEVEL_COLUMNS}`,
);

/** Adds `delta` to on-hand, unless that would take it below what is reserved (and negative stock is not allowed). */
const CHANGE = new Statement<LedgerParam | 'level' | 'delta'>(
  (p) => `with changed as (
    update stock_levels set on_hand = on_hand + ${p('delta')}, updated_at = now()
     where company_id = ${p('company')} and id = ${p('level')} and (allow_negative or on_hand + ${p('delta')} >= reserved)
     returning ${LEVEL_COLUMNS}, ${p('delta')}::int as quantity_delta, 0 as reserved_delta
  ), ${ledgerWrites('changed', p)}
  select ${LEVEL_COLUMNS} from changed`,
);

/** Takes `on_hand` off on-hand and `reserved` off the reservation, which must hold it. */
const SETTLE = new Statement<LedgerParam | 'level' | 'on_hand' | 'reserved'>(
  (p) => `with changed as (
    update stock_levels set on_hand = on_hand - ${p('on_hand')}, reserved = reserved - ${p('reserved')}, updated_at = now()
     where company_id = ${p('company')} and id = ${p('level')} and reserved >= ${p('reserved')}
     returning ${LEVEL_COLUMNS}, -${p('on_hand')}::int as quantity_delta, -${p('reserved')}::int as reserved_delta
  ), ${ledgerWrites('changed', p)}
  select ${LEVEL_COLUMNS} from changed`,
);

const READ = new Statement<'company' | 'level'>((p) => `select ${LEVEL_COLUMNS} from stock_levels where company_id = ${p('company')} and id = ${p('level')}`);

const LOCK = new Statement<'company' | 'levels'>(
  (p) => `select ${LEVEL_COLUMNS} from stock_levels where company_id = ${p('company')} and id = any(${p('levels')}::bigint[]) order by id for update`,
);

/** The ledger's statements, each one round trip on the caller's tenant transaction. */
@Injectable()
export class StockLedgerRepository {
  constructor(
    private readonly sessions: Sessions,
    private readonly signal: OutboxSignal,
    @InjectTenantRepository(StockLevel) private readonly levels: TenantRepository<StockLevel>,
  ) {}

  /** The id of the stock row of a slot (product, warehouse, bin or none), if there is one. */
  async findSlot(key: TenantKey, slot: Slot): Promise<number | undefined> {
    const row = await this.levels.findOne(key, {
      productId: slot.productId,
      warehouseId: slot.warehouseId,
      locationId: slot.locationId === null ? IsNull() : slot.locationId,
    });
    return row?.id;
  }

  /** A new stock row at zero, or undefined when the slot already has one (or the warehouse is not the company's). */
  async insertLevel(key: TenantKey, slot: Slot & { minStockLevel?: number; maxStockLevel?: number | null }): Promise<LevelRow | undefined> {
    const values = CREATE.values({
      company: key.companyId,
      product: slot.productId,
      warehouse: slot.warehouseId,
      location: slot.locationId,
      min: slot.minStockLevel ?? 0,
      max: slot.maxStockLevel ?? null,
    });
    return (await preparedRows<LevelRow>(this.sessions.managerFor(key), CREATE.text, values))[0];
  }

  /** The row after adding `delta` to on-hand, or undefined when the row is missing or the change would break its stock rule. */
  async changeOnHand(key: TenantKey, stamp: LedgerStamp, levelId: number, delta: number): Promise<LevelRow | undefined> {
    const values = CHANGE.values({ ...ledgerValues(stamp), level: levelId, delta });
    this.signal.written();
    return (await preparedRows<LevelRow>(this.sessions.managerFor(key), CHANGE.text, values))[0];
  }

  /** The row after settling a reservation, or undefined when it does not hold `reserved`. */
  async settle(key: TenantKey, stamp: LedgerStamp, levelId: number, onHand: number, reserved: number): Promise<LevelRow | undefined> {
    const values = SETTLE.values({ ...ledgerValues(stamp), level: levelId, on_hand: onHand, reserved });
    this.signal.written();
    return (await preparedRows<LevelRow>(this.sessions.managerFor(key), SETTLE.text, values))[0];
  }

  async read(key: TenantKey, levelId: number): Promise<LevelRow | undefined> {
    return (await preparedRows<LevelRow>(this.sessions.managerFor(key), READ.text, READ.values({ company: key.companyId, level: levelId })))[0];
  }

  /** Locks rows in id order (one fixed order, so concurrent multi-row changes cannot deadlock). */
  lock(key: TenantKey, levelIds: number[]): Promise<LevelRow[]> {
    if (levelIds.length === 0) return Promise.resolve([]);
    return preparedRows<LevelRow>(this.sessions.managerFor(key), LOCK.text, LOCK.values({ company: key.companyId, levels: levelIds }));
  }
}
