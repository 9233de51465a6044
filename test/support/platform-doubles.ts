import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function serve(
  handle: (seen: Seen) => { status: number; body: unknown },
): Promise<{ url: string; seen: Seen[]; server: Server; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const answer = handle(request);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Shopify's Admin GraphQL API as documented, for one shop: variants found by `sku:` query,
 * `inventorySetQuantities` with compare-and-set on `available`, `productVariantsBulkUpdate`.
 * `available` may be changed by the test, as a merchant editing stock in Shopify would.
 */
export async function shopifyDouble(token: string, skus: string[]) {
  const variants = new Map(
    skus.map((sku, i) => [
      sku,
      {
        id: `gid://shopify/ProductVariant/${i + 1}`,
        product: `gid://shopify/Product/${i + 1}`,
        item: `gid://shopify/InventoryItem/${i + 1}`,
        available: 0,
        price: '0.00',
      },
    ]),
  );
  const double = await serve(({ method, path, headers, body }) => {
    if (method !== 'POST' || path !== '/admin/api/2025-01/graphql.json') return { status: 404, body: { errors: 'Not Found' } };
    if (headers['x-shopify-access-token'] !== token) return { status: 401, body: { errors: '[API] Invalid API key or access token' } };
    const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
    if (query.includes('productVariants(')) {
      const sku = JSON.parse(String(variables.query).replace(/^sku:/, '')) as string;
      const v = variants.get(sku);
      return {
        status: 200,
        body: { data: { productVariants: { nodes: v ? [{ id: v.id, product: { id: v.product }, inventoryItem: { id: v.item } }] : [] } } },
      };
    }
    if (query.includes('inventorySetQuantities(')) {
      const input = variables.input as {
        name: string;
        ignoreCompareQuantity?: boolean;
        quantities: Array<{ inventoryItemId: string; locationId: string; quantity: number; compareQuantity?: number }>;
      };
      const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
      for (const q of input.quantities) {
        const v = [...variants.values()].find((x) => x.item === q.inventoryItemId);
        if (!v || input.name !== 'available' || !q.locationId.startsWith('gid://shopify/Location/')) {
          userErrors.push({ field: ['input'], message: 'Invalid input', code: 'INVALID' });
        } else if (!input.ignoreCompareQuantity && q.compareQuantity !== v.available) {
          userErrors.push({
            field: ['input', 'quantities', '0', 'compareQuantity'],
            message: 'The compareQuantity argument no longer matches the persisted quantity.',
            code: 'COMPARE_QUANTITY_STALE',
          });
        } else v.available = q.quantity;
      }
      return { status: 200, body: { data: { inventorySetQuantities: { userErrors } } } };
    }
    if (query.includes('productVariantsBulkUpdate(')) {
      for (const update of variables.variants as Array<{ id: string; price: string }>) {
        const v = [...variants.values()].find((x) => x.id === update.id);
        if (v) v.price = update.price;
      }
      return { status: 200, body: { data: { productVariantsBulkUpdate: { userErrors: [] } } } };
    }
    return { status: 200, body: { errors: [{ message: 'Unknown query' }] } };
  });
  return { ...double, variants };
}

/**
 * Amazon's Login with Amazon token endpoint and Selling Partner API Listings Items `PATCH`, as
 * documented. SKUs in `invalid` answer INVALID with an issue.
 */
export async function amazonDouble(client: { id: string; secret: string; refresh: string }, invalid: string[] = []) {
  const listings = new Map<string, { quantity: number; price: number }>();
  const double = await serve(({ method, path, headers, body }) => {
    if (method === 'POST' && path === '/auth/o2/token') {
      const form = new URLSearchParams(body);
      const ok =
        headers['content-type'] === 'application/x-www-form-urlencoded' &&
        form.get('grant_type') === 'refresh_token' &&
        form.get('client_id') === client.id &&
        form.get('client_secret') === client.secret &&
        form.get('refresh_token') === client.refresh;
      return ok
        ? { status: 200, body: { access_token: 'Atza|double-token', token_type: 'bearer', expires_in: 3600 } }
        : { status: 400, body: { error: 'invalid_grant' } };
    }
    const match = /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/?]+)\?marketplaceIds=(\w+)$/.exec(path);
    if (method !== 'PATCH' || !match) return { status: 404, body: { errors: [{ code: 'NotFound', message: 'Not found' }] } };
    if (headers['x-amz-access-token'] !== 'Atza|double-token') return { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access denied' }] } };
    const sku = decodeURIComponent(match[2]);
    if (invalid.includes(sku)) {
      return {
        status: 200,
        body: { sku, status: 'INVALID', submissionId: 'sub-invalid', issues: [{ code: '90220', message: 'purchasable_offer is required', severity: 'ERROR' }] },
      };
    }
    const patch = JSON.parse(body) as { productType: string; patches: Array<{ op: string; path: string; value: Array<Record<string, unknown>> }> };
    const quantity = patch.patches.find((p) => p.path === '/attributes/fulfillment_availability')?.value[0].quantity as number;
    const offer = patch.patches.find((p) => p.path === '/attributes/purchasable_offer')?.value[0] as {
      our_price: Array<{ schedule: Array<{ value_with_tax: number }> }>;
    };
    listings.set(sku, { quantity, price: offer.our_price[0].schedule[0].value_with_tax });
    return { status: 200, body: { sku, status: 'ACCEPTED', submissionId: `sub-${sku}`, issues: [] } };
  });
  return { ...double, listings };
}
