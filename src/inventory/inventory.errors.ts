import { AppError, Conflict, NotFound } from '../common/errors/app-error';

/** 409: the change would take stock below zero (or below what is reserved). */
export class InsufficientStock extends AppError {
  constructor(message = 'Not enough stock available for this change.', details?: Record<string, string[]>) {
    super(409, 'INSUFFICIENT_STOCK', message, details);
  }

  /** A change of on-hand by `delta` that the row cannot take: says what it holds and what is free. */
  static forChange(level: { on_hand: number; reserved: number }, delta: number): InsufficientStock {
    const available = level.on_hand - level.reserved;
    return new InsufficientStock(
      `Not enough stock available for this change: ${available} available (${level.on_hand} on hand, ${level.reserved} reserved), ` +
        `and the change takes ${-delta}.`,
    );
  }
}

export class StockItemNotFound extends NotFound {
  constructor() {
    super('Inventory item not found.');
  }
}

export class StockItemExists extends Conflict {
  constructor() {
    super('This product already has a stock record in that warehouse and location; update it instead.');
  }
}
