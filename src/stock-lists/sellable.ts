/** What a rule holds back of a SKU's stock. */
export interface HoldBack {
  safetyStock: number;
  /** Percent of the available stock held back, rounded up to whole units; null for none. */
  safetyStockPercent: number | null;
  minQuantityToPublish: number;
  isActive: boolean;
}

/**
 * The quantity a channel may offer of a SKU: what is available in the rule's locations, less
 * the percentage and then the units of safety stock; 0 below the minimum worth publishing, for
 * an inactive rule or product, and never negative.
 */
export function sellableQuantity(totalAvailable: number, rule: HoldBack, productActive = true): number {
  if (!rule.isActive || !productActive || totalAvailable <= 0) return 0;
  const percent = rule.safetyStockPercent === null ? 0 : Math.ceil((totalAvailable * rule.safetyStockPercent) / 100 - 1e-9);
  const quantity = totalAvailable - percent - rule.safetyStock;
  return quantity < rule.minQuantityToPublish || quantity < 0 ? 0 : quantity;
}
