import type { OrderStatus } from './entities/order.entity';
import { ORDER_STATUSES } from './entities/order.entity';
import { canTransition } from './order-status';

/** Every from × to pair, written out: the flow is the table. */
const ALLOWED: Array<[OrderStatus, OrderStatus]> = [
  ['pending', 'confirmed'],
  ['pending', 'cancelled'],
  ['confirmed', 'processing'],
  ['confirmed', 'cancelled'],
  ['processing', 'shipped'],
  ['processing', 'cancelled'],
  ['shipped', 'delivered'],
];

describe('order status machine', () => {
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.some(([f, t]) => f === from && t === to));
  });
});
