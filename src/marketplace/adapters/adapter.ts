import type { Credentials } from '../credentials';

/** One listing's wanted state, as the push sends it. */
export interface PushRequest {
  productId: number;
  sku: string;
  /** Decimal string, two places. */
  price: string;
  quantity: number;
  /** What was last pushed (for compare-and-set); null before the first push. */
  pushedQuantity: number | null;
  externalId: string | null;
}

export interface PushResult {
  externalId: string | null;
}

/** A push the platform refused or that did not get through, with the platform's own message. */
export class PlatformError extends Error {}

/** Sends a listing's price and quantity to one platform's documented API. */
export interface MarketplaceAdapter {
  push(credentials: Credentials, listing: PushRequest): Promise<PushResult>;
}
