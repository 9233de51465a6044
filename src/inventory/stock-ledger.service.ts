import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { InsufficientStock, StockItemExists, StockItemNotFound } from './inventory.errors';
import type { LevelRow, MovementNote, Slot } from './stock-ledger.repository';
import { StockLedgerRepository } from './stock-ledger.repository';

export type { LevelRow, MovementNote, Slot } from './stock-ledger.repository';

/**
 * Every change to on-hand and reserved goes through here (or, for set-based and one-statement
 * writers, through the repository's ledgerWrites): one conditional UPDATE (stock never goes
 * below what is reserved unless the warehouse allows negative stock; the CHECK constraint
 * backs this up), its ledger row, and an inventory.low_stock outbox event when the change
 * takes the row from above its minimum to at or below it, all in the caller's transaction.
 */
@Injectable()
export class StockLedger {
  constructor(private readonly ledger: StockLedgerRepository) {}

  /** Creates a stock row; an initial quantity is booked as an `initial` movement. */
  async create(
    auth: AuthContext,
    slot: Slot & { minStockLevel?: number; maxStockLevel?: number | null },
    onHand: number,
    note: Omit<MovementNote, 'type'> = {},
  ): Promise<LevelRow> {
    const row = await this.ledger.insertLevel(auth, slot);
    if (!row) throw new StockItemExists();
    return onHand === 0 ? row : this.change(auth, row.id, onHand, { ...note, type: 'initial' });
  }

  /** The id of the stock row of a slot, if the product is stocked there. */
  find(auth: AuthContext, slot: Slot): Promise<number | undefined> {
    return this.ledger.findSlot(auth, slot);
  }

  /**
   * The id of the stock row of a slot, created empty when the product was never stocked
   * there (after `beforeCreate`, which may refuse the slot). A row created by a concurrent
   * request in between is used as is.
   */
  async rowFor(auth: AuthContext, slot: Slot, beforeCreate?: () => Promise<void>): Promise<number> {
    const existing = await this.ledger.findSlot(auth, slot);
    if (existing !== undefined) return existing;
    await beforeCreate?.();
    const created = await this.ledger.insertLevel(auth, slot);
    if (created) return created.id;
    const raced = await this.ledger.findSlot(auth, slot);
    if (raced === undefined) throw new StockItemExists();
    return raced;
  }

  /** Adds `delta` (may be negative) to on-hand. */
  async change(auth: AuthContext, levelId: number, delta: number, note: MovementNote): Promise<LevelRow> {
    const row = await this.ledger.changeOnHand(auth, stamp(auth, note), levelId, delta);
    if (row) return row;
    const level = await this.ledger.read(auth, levelId);
    if (!level) throw new StockItemNotFound();
    throw InsufficientStock.forChange(level, delta);
  }

  /** Gives a reservation back (a cancelled order). */
  release(auth: AuthContext, levelId: number, quantity: number, note: Omit<MovementNote, 'type'>): Promise<LevelRow> {
    return this.settle(auth, levelId, 0, quantity, { ...note, type: 'release' });
  }

  /** Turns a reservation into a deduction of on-hand (a shipped order). */
  ship(auth: AuthContext, levelId: number, quantity: number, note: Omit<MovementNote, 'type'>): Promise<LevelRow> {
    return this.settle(auth, levelId, quantity, quantity, { ...note, type: 'ship' });
  }

  /** Sets on-hand to `quantity`, booking the difference (nothing when it is already there). */
  async set(auth: AuthContext, levelId: number, quantity: number, note: MovementNote): Promise<LevelRow> {
    const [current] = await this.lock(auth, [levelId]);
    if (!current) throw new StockItemNotFound();
    return quantity === current.on_hand ? current : this.change(auth, levelId, quantity - current.on_hand, note);
  }

  /** Locks rows in id order (one fixed order, so concurrent multi-row changes cannot deadlock). */
  lock(auth: AuthContext, levelIds: number[]): Promise<LevelRow[]> {
    return this.ledger.lock(auth, levelIds);
  }

  private async settle(auth: AuthContext, levelId: number, onHand: number, reserved: number, note: MovementNote): Promise<LevelRow> {
    const row = await this.ledger.settle(auth, stamp(auth, note), levelId, onHand, reserved);
    if (!row) throw new Error(`Stock row ${levelId} does not hold the reservation being settled`);
    return row;
  }
}

function stamp(auth: AuthContext, note: MovementNote) {
  return { companyId: auth.companyId, userId: auth.userId, note };
}
