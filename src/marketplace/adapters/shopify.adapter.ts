import type { WebhookHttp } from '../../webhooks/relay/webhook-http';
import type { Credentials } from '../credentials';
import { PlatformError } from './adapter';
import type { MarketplaceAdapter, PushRequest, PushResult } from './adapter';
import { callJson } from './http-json';

type GraphQl<T> = { data?: T; errors?: Array<{ message: string }> };
type UserErrors = { userErrors: Array<{ field?: string[]; message: string; code?: string }> };

const FIND_VARIANT = `query FindVariant($query: String!) {
  productVariants(first: 1, query: $query) { nodes { id product { id } inventoryItem { id } } }
}`;
const SET_QUANTITY = `mutation SetQuantity($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) { userErrors { field message code } }
}`;
const SET_PRICE = `mutation SetPrice($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { field message } }
}`;

/**
 * Shopify's Admin GraphQL API: the variant by SKU, then `inventorySetQuantities` (absolute
 * `available` at the location, with `compareQuantity` = what we last pushed, so a change made on
 * Shopify's side since is reported as a conflict, not overwritten) and `productVariantsBulkUpdate`
 * for the price. external_id is the variant's id.
 */
export class ShopifyAdapter implements MarketplaceAdapter {
  constructor(private readonly http: WebhookHttp) {}

  async push(credentials: Credentials, listing: PushRequest): Promise<PushResult> {
    const base = credentials.base_url ?? `https://${credentials.shop_domain}`;
    const url = `${base.replace(/\/+$/, '')}/admin/api/${credentials.api_version ?? '2025-01'}/graphql.json`;
    const call = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const answer = await callJson<GraphQl<T>>(
        this.http,
        'POST',
        url,
        { 'content-type': 'application/json', 'x-shopify-access-token': credentials.access_token },
        JSON.stringify({ query, variables }),
      );
      if (answer.errors?.length || !answer.data) throw new PlatformError(`Shopify: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
      return answer.data;
    };
    const found = await call<{ productVariants: { nodes: Array<{ id: string; product: { id: string }; inventoryItem: { id: string } }> } }>(FIND_VARIANT, {
      query: `sku:${JSON.stringify(listing.sku)}`,
    });
    const variant = found.productVariants.nodes[0];
    if (!variant) throw new PlatformError(`Shopify: no variant with SKU ${listing.sku}`);
    const location = credentials.location_id.startsWith('gid://') ? credentials.location_id : `gid://shopify/Location/${credentials.location_id}`;
    const quantity = await call<{ inventorySetQuantities: UserErrors }>(SET_QUANTITY, {
      input: {
        name: 'available',
        reason: 'correction',
        // Before the first push there is nothing of ours to compare with.
        ...(listing.pushedQuantity === null ? { ignoreCompareQuantity: true } : {}),
        quantities: [
          {
            inventoryItemId: variant.inventoryItem.id,
            locationId: location,
            quantity: listing.quantity,
            ...(listing.pushedQuantity === null ? {} : { compareQuantity: listing.pushedQuantity }),
          },
        ],
      },
    });
    const refused = quantity.inventorySetQuantities.userErrors;
    if (refused.length > 0) {
      const stale = refused.some((e) => e.code === 'COMPARE_QUANTITY_STALE');
      throw new PlatformError(
        stale
          ? `Shopify: the quantity changed on Shopify since the last push (conflict, not overwritten): ${refused[0].message}`
          : `Shopify: ${refused.map((e) => e.message).join('; ')}`,
      );
    }
    const price = await call<{ productVariantsBulkUpdate: UserErrors }>(SET_PRICE, {
      productId: variant.product.id,
      variants: [{ id: variant.id, price: listing.price }],
    });
    if (price.productVariantsBulkUpdate.userErrors.length > 0) {
      throw new PlatformError(`Shopify: ${price.productVariantsBulkUpdate.userErrors.map((e) => e.message).join('; ')}`);
    }
    return { externalId: variant.id };
  }
}
