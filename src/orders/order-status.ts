import { AppError } from '../common/errors/app-error';
import type { OrderStatus } from './entities/order.entity';

/** 003's flow: pending → confirmed → processing → shipped → delivered; cancelled before shipping. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export class InvalidStatusTransition extends AppError {
  constructor(from: OrderStatus, to: OrderStatus) {
    const allowed = NEXT[from];
    super(
      409,
      'INVALID_STATUS_TRANSITION',
      `An order cannot go from ${from} to ${to}.${allowed.length ? ` From ${from} it can go to: ${allowed.join(', ')}.` : ''}`,
    );
  }
}
