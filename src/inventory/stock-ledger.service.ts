import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { Sessions } from '../database/sessions';
import { preparedRows } from '../database/sql';
import { MovementType } from './entities/stock-movement.entity';
import { InsufficientStock, StockItemExists, StockItemNotFound } from './inventory.errors';

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

const RETURNING = 'id, product_id, warehouse_id, location_id, on_hand, reserved, available, min_stock_level';

/**
 * A reservation, as CTEs for one statement: `picked` locks the first of the candidate stock
 * rows, in the order given, that can cover the quantity (or allows negative stock); a row
 * another order drained meanwhile fails that re-check and the next candidate is tried.
 * (The lock is the one UPDATE takes, FOR NO KEY UPDATE: a FOR UPDATE would also wait for the
 * key-share locks that other orders' new lines hold on the row through their foreign key.)
 * `reserved` is that row after the reservation (empty when none could cover it), with its
 * ledger row and, when it crosses the minimum, an inventory.low_stock event. One conditional
 * change under the row's lock, so of concurrent orders for the last units exactly as many
 * succeed as there are units; the row stays locked from here to the commit, so callers put
 * it last. Parameters: reservationParams ($1 to $6).
 */
export const RESERVATION = `picked as (
    select id from stock_levels
     where company_id = $1 and id = any($2::bigint[]) and (allow_negative or on_hand - reserved >= $3)
     order by array_position($2::bigint[], id)
     limit 1
     for no key update
  ), reserved as (
    update stock_levels set reserved = reserved + $3, updated_at = now()
     where company_id = $1 and id = (select id from picked) and (allow_negative or on_hand - reserved >= $3)
     returning ${RETURNING}
  ), reservation_ledger as (
    insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, location_id, type, quantity_delta, reserved_delta, quantity_after, reason, reference, user_id)
    select $1, id, product_id, warehouse_id, location_id, 'reserve', 0, $3, on_hand, $4, $5, $6 from reserved
  ), reservation_low_stock as (
    insert into events (company_id, type, payload)
    select $1, 'inventory.low_stock', jsonb_build_object(
             'stock_level_id', r.id, 'product_id', r.product_id, 'sku', p.sku, 'warehouse_id', r.warehouse_id,
             'location_id', r.location_id, 'available', r.available, 'min_stock_level', r.min_stock_level)
      from reserved r join products p on p.company_id = $1 and p.id = r.product_id
     where r.available + $3 > r.min_stock_level and r.available <= r.min_stock_level
  )`;

export function reservationParams(
  auth: Pick<AuthContext, 'companyId' | 'userId'>,
  candidates: number[],
  quantity: number,
  note: Omit<MovementNote, 'type'>,
): (number | string | number[])[] {
  return [auth.companyId, candidates, quantity, note.reason ?? '', note.reference ?? '', auth.userId];
}

/**
 * Every change to on-hand goes through here: one conditional UPDATE (stock never goes below
 * what is reserved unless the warehouse allows negative stock; the CHECK constraint backs
 * this up), one ledger row, and an inventory.low_stock outbox event when the change takes
 * the row from above its minimum to at or below it, all in the caller's transaction.
 */
@Injectable()
export class StockLedger {
  constructor(private readonly sessions: Sessions) {}

  /** Creates a stock row; an initial quantity is booked as an `initial` movement. */
  async create(
    auth: AuthContext,
    slot: { productId: number; warehouseId: number; locationId: number | null; minStockLevel?: number; maxStockLevel?: number | null },
    onHand: number,
    note: Omit<MovementNote, 'type'> = {},
  ): Promise<LevelRow> {
    const m = this.sessions.managerFor(auth);
    const [row] = await preparedRows<LevelRow>(
      m,
      `insert into stock_levels (company_id, product_id, warehouse_id, location_id, min_stock_level, max_stock_level, allow_negative)
       select $1, $2, w.id, $4, $5, $6, w.allow_negative_stock from warehouses w where w.company_id = $1 and w.id = $3
       on conflict on constraint uq_stock_levels_slot do nothing
       returning ${RETURNING}`,
      [auth.companyId, slot.productId, slot.warehouseId, slot.locationId, slot.minStockLevel ?? 0, slot.maxStockLevel ?? null],
    );
    if (!row) throw new StockItemExists();
    return onHand === 0 ? row : this.change(auth, row.id, onHand, { ...note, type: 'initial' });
  }

  /** Adds `delta` (may be negative) to on-hand. */
  async change(auth: AuthContext, levelId: number, delta: number, note: MovementNote): Promise<LevelRow> {
    const m = this.sessions.managerFor(auth);
    const [row] = await preparedRows<LevelRow>(
      m,
      `update stock_levels set on_hand = on_hand + $3, updated_at = now()
        where company_id = $1 and id = $2 and (allow_negative or on_hand + $3 >= reserved)
        returning ${RETURNING}`,
      [auth.companyId, levelId, delta],
    );
    if (!row) {
      const [level] = await preparedRows<{ on_hand: number; reserved: number }>(
        m,
        'select on_hand, reserved from stock_levels where company_id = $1 and id = $2',
        [auth.companyId, levelId],
      );
      if (!level) throw new StockItemNotFound();
      throw InsufficientStock.forChange(level, delta);
    }
    await this.record(m, auth, row, { onHand: delta, reserved: 0 }, note);
    return row;
  }

  /** Gives a reservation back (a cancelled order). */
  async release(auth: AuthContext, levelId: number, quantity: number, note: Omit<MovementNote, 'type'>): Promise<LevelRow> {
    return this.settle(auth, levelId, 0, quantity, { ...note, type: 'release' });
  }

  /** Turns a reservation into a deduction of on-hand (a shipped order). */
  async ship(auth: AuthContext, levelId: number, quantity: number, note: Omit<MovementNote, 'type'>): Promise<LevelRow> {
    return this.settle(auth, levelId, quantity, quantity, { ...note, type: 'ship' });
  }

  private async settle(auth: AuthContext, levelId: number, onHand: number, reserved: number, note: MovementNote): Promise<LevelRow> {
    const m = this.sessions.managerFor(auth);
    const [row] = await preparedRows<LevelRow>(
      m,
      `update stock_levels set on_hand = on_hand - $3, reserved = reserved - $4, updated_at = now()
        where company_id = $1 and id = $2 and reserved >= $4
        returning ${RETURNING}`,
      [auth.companyId, levelId, onHand, reserved],
    );
    if (!row) throw new Error(`Stock row ${levelId} does not hold the reservation being settled`);
    await this.record(m, auth, row, { onHand: -onHand, reserved: -reserved }, note);
    return row;
  }

  /** Sets on-hand to `quantity`, booking the difference (nothing when it is already there). */
  async set(auth: AuthContext, levelId: number, quantity: number, note: MovementNote): Promise<LevelRow> {
    const [current] = await this.lock(auth, [levelId]);
    if (!current) throw new StockItemNotFound();
    return quantity === current.on_hand ? current : this.change(auth, levelId, quantity - current.on_hand, note);
  }

  /** Locks rows in id order (one fixed order, so concurrent multi-row changes cannot deadlock). */
  async lock(auth: AuthContext, levelIds: number[]): Promise<LevelRow[]> {
    if (levelIds.length === 0) return [];
    return preparedRows<LevelRow>(
      this.sessions.managerFor(auth),
      `select ${RETURNING} from stock_levels where company_id = $1 and id = any($2::bigint[]) order by id for update`,
      [auth.companyId, levelIds],
    );
  }

  private async record(m: EntityManager, auth: AuthContext, row: LevelRow, delta: { onHand: number; reserved: number }, note: MovementNote): Promise<void> {
    await preparedRows(
      m,
      `insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, location_id, type, quantity_delta, reserved_delta, quantity_after, reason, reference, user_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        auth.companyId,
        row.id,
        row.product_id,
        row.warehouse_id,
        row.location_id,
        note.type,
        delta.onHand,
        delta.reserved,
        row.on_hand,
        note.reason ?? '',
        note.reference ?? '',
        auth.userId,
      ],
    );
    const before = row.available - (delta.onHand - delta.reserved);
    if (before > row.min_stock_level && row.available <= row.min_stock_level) {
      await preparedRows(
        m,
        `insert into events (company_id, type, payload)
         select $1, 'inventory.low_stock', jsonb_build_object(
           'stock_level_id', s.id, 'product_id', s.product_id, 'sku', p.sku, 'warehouse_id', s.warehouse_id,
           'location_id', s.location_id, 'available', s.available, 'min_stock_level', s.min_stock_level)
           from stock_levels s join products p on p.company_id = s.company_id and p.id = s.product_id
          where s.company_id = $1 and s.id = $2`,
        [auth.companyId, row.id],
      );
    }
  }
}
