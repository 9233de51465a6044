import { sellableQuantity } from './sellable';

const rule = { safetyStock: 0, safetyStockPercent: null, minQuantityToPublish: 0, isActive: true };

describe('sellableQuantity', () => {
  it.each([
    // available, safety stock, percent, minimum to publish, expected
    [10, 0, null, 0, 10],
    [10, 3, null, 0, 7],
    [10, 10, null, 0, 0],
    [10, 12, null, 0, 0],
    [10, 0, 10, 0, 9],
    [10, 0, 15, 0, 8],
    [10, 2, 15, 0, 6],
    [1, 0, 1, 0, 0],
    [100, 0, 100, 0, 0],
    [100, 0, 0, 0, 100],
    [7, 2, null, 5, 5],
    [6, 2, null, 5, 0],
    [0, 0, null, 0, 0],
    [-4, 0, null, 0, 0],
    [3, 0, 33.33, 0, 2],
    [4, 0, 25, 0, 3],
    [5, 0, 25, 0, 3],
  ])('%i available, %i safety, %s %%, publish from %i → %i', (available, safety, percent, min, expected) => {
    expect(sellableQuantity(available, { safetyStock: safety, safetyStockPercent: percent, minQuantityToPublish: min, isActive: true })).toBe(expected);
  });

  it('offers nothing for an inactive rule or product', () => {
    expect(sellableQuantity(10, { ...rule, isActive: false })).toBe(0);
    expect(sellableQuantity(10, rule, false)).toBe(0);
  });
});
