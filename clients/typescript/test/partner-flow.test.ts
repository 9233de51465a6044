// A partner's integration, through the built package, against a running server
// (INVENTORY_API_URL; its access tokens must live JWT_ACCESS_TTL_SECONDS=2 for the refresh test).
// Run: node --test clients/typescript/test/
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import { InventoryAPI, StockroomError } from '../dist/index.js';
import type { Schema } from '../dist/index.js';

const baseUrl = process.env.INVENTORY_API_URL;
if (!baseUrl) throw new Error('INVENTORY_API_URL must name the server under test');
const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const password = 'Correct-Horse-Battery-9';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<StockroomError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StockroomError, `expected a StockroomError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('a partner integration, from sign-up to an order', () => {
  const client = new InventoryAPI({ baseUrl });
  const username = `sdk_ts_${unique}`;
  let warehouse: Schema<'WarehouseDto'>;
  const products: Array<Schema<'ProductDto'>> = [];

  before(async () => {
    const registered = await client.register({ username, email: `${username}@example.com`, password });
    assert.equal(registered.user.username, username);
  });

  test('signs in with a username and password and holds a JWT and a refresh token', async () => {
    const session = await client.login({ username, password });
    assert.equal(session.user.username, username);
    assert.equal(client.tokens.access, session.access);
    assert.equal(client.tokens.refresh, session.refresh);
    const me = await client.getUser();
    assert.equal(me.username, username);
  });

  test('creates a warehouse and products, and stocks them', async () => {
    ({ warehouse } = await client.createWarehouse({ name: `Main ${unique}`, code: `M${unique}`.slice(0, 20).toUpperCase() }));
    assert.equal(warehouse.name, `Main ${unique}`);
    for (let i = 0; i < 23; i++) {
      const product = await client.createProduct({ name: `Widget ${i}`, sku: `SKU-${unique}-${i}`, price: 10 + i });
      products.push(product);
      await client.adjustInventory({ product_id: product.id, warehouse_id: warehouse.id, delta: 5 + i, reason: 'received' });
    }
    const item = await client.getInventoryItems({ product_id: products[3].id });
    assert.equal(item.count, 1);
    assert.equal(item.results[0].quantity, 8);
  });

  test('lists inventory page by page to the end, by page number and by cursor', async () => {
    const byPage: number[] = [];
    for await (const item of client.paginate.getInventoryItems({ page_size: 5, warehouse_id: warehouse.id })) byPage.push(item.id);
    assert.equal(byPage.length, 23);
    assert.equal(new Set(byPage).size, 23);
    const byCursor: number[] = [];
    for await (const item of client.paginate.getInventoryItems({ page_size: 7, cursor: '', warehouse_id: warehouse.id })) byCursor.push(item.id);
    assert.deepEqual(
      [...byCursor].sort((a, b) => a - b),
      [...byPage].sort((a, b) => a - b),
    );
  });

  test('places an order, and a retried POST with the same idempotency key places it once', async () => {
    const customer = await client.createCustomer({
      name: 'Ada Buyer',
      email: `ada_${unique}@example.com`,
      shipping_address: { street: '1 Main St', city: 'Springfield', country: 'US' },
    });
    const body = { customer_id: customer.id, items: [{ product_id: products[0].id, quantity: 2, warehouse_id: warehouse.id }] };
    const key = `order-${unique}`;
    const first = await client.createOrder(body, { idempotencyKey: key });
    const again = await client.createOrder(body, { idempotencyKey: key });
    assert.equal(again.id, first.id);
    assert.equal(first.status, 'pending');
    const pending = await client.getOrders({ status: 'pending', customer_id: customer.id });
    assert.equal(pending.count, 1);
    const stock = await client.getInventoryItems({ product_id: products[0].id });
    assert.equal(stock.results[0].reserved_quantity, 2);
  });

  test('reads a validation error and a 404 as typed errors', async () => {
    const invalid = await rejection(client.createProduct({ name: '', price: -1 } as never));
    assert.equal(invalid.status, 400);
    assert.equal(invalid.code, 'VALIDATION_ERROR');
    assert.ok(invalid.requestId);
    assert.ok((invalid.details as Record<string, string[]>).price.length > 0);
    const missing = await rejection(client.getOrder(2_000_000_000));
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 'NOT_FOUND');
  });

  test('refreshes an expired access token with the rotating refresh token, once', async () => {
    const { access, refresh } = client.tokens;
    await sleep(3_000);
    const me = await client.getUser();
    assert.equal(me.username, username);
    assert.notEqual(client.tokens.access, access);
    assert.notEqual(client.tokens.refresh, refresh);
    // The refresh token used is spent: a client still holding it (a stolen copy) cannot renew,
    // and presenting it ends the whole session, so the rightful client must sign in again.
    const stale = new InventoryAPI({ baseUrl, token: access, refreshToken: refresh });
    const refused = await rejection(stale.getUser());
    assert.equal(refused.status, 401);
    await sleep(2_100);
    assert.equal((await rejection(client.getUser())).status, 401);
    await client.login({ username, password });
    assert.equal((await client.getUser()).username, username);
  });

  test('an integration key from the API works as apiKey', async () => {
    const created = await client.createApiToken({ name: `partner ${unique}` });
    const partner = new InventoryAPI({ baseUrl, apiKey: created.token });
    const items = await partner.getInventoryItems({ page_size: 1 });
    assert.equal(items.count, 23);
  });
});

describe('retries', () => {
  test('429 and 503 are retried as Retry-After asks, with the same Idempotency-Key, and give up when bounded', async () => {
    const seen: Array<{ key: string | undefined; at: number }> = [];
    let answers = [429, 503, 201];
    const server = createServer((request, response) => {
      seen.push({ key: request.headers['idempotency-key'] as string | undefined, at: Date.now() });
      const status = answers.shift() ?? 429;
      response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1', 'x-request-id': 'req-1' });
      response.end(status === 201 ? '{"id": 7}' : '{"error": {"code": "RATE_LIMITED", "status": 429, "message": "Slow down", "details": null}}');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const local = new InventoryAPI({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'opaque' });
      const created = await local.createCustomer({ name: 'x' });
      assert.equal((created as { id: number }).id, 7);
      assert.equal(seen.length, 3);
      assert.ok(seen[0].key);
      assert.ok(seen.every((s) => s.key === seen[0].key));
      assert.ok(seen[1].at - seen[0].at >= 900 && seen[2].at - seen[1].at >= 900);

      seen.length = 0;
      answers = [];
      const bounded = new InventoryAPI({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 1 });
      const error = await rejection(bounded.getCustomers());
      assert.equal(error.status, 429);
      assert.equal(error.code, 'RATE_LIMITED');
      assert.equal(error.requestId, 'req-1');
      assert.equal(seen.length, 2);
    } finally {
      server.close();
    }
  });
});
