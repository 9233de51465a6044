import { AppError, Conflict, NotFound } from '../common/errors/app-error';

/** 409: the change would take stock below zero (or below what is reserved). */
export class InsufficientStock extends AppError {
  constructor(message = 'Not enough stock available for this change.', details?: Record<string, string[]>) {
    super(409, 'INSUFFICIENT_STOCK', message, details);
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
