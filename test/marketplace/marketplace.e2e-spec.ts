import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import { expectForeignIdsNotFound } from '../support/isolation';
import { amazonDouble, shopifyDouble } from '../support/platform-doubles';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { Receiver } from '../support/webhook-receiver';
import { startReceiver, verify } from '../support/webhook-receiver';

type Listing = {
  product_id: number;
  sku: string;
  price: number;
  quantity: number;
  pushed_price: number | null;
  pushed_quantity: number | null;
  status: string;
  error: string | null;
  external_id: string | null;
};

const AMAZON = {
  access_key: 'amzn1.application-oa2-client.abc',
  secret_key: 'amzn1.oa2-cs.v1.verysecret',
  seller_id: 'A1B2C3',
  marketplace_id: 'ATVPDKIKX0DER',
};

/** Document 003's marketplace: connections, sync that reaches the platforms (local doubles), listings that follow stock, analytics. */
describe('marketplace', () => {
  let t: TestApp;
  let company: Tenant;
  let warehouse: { id: number };
  const products: Array<{ id: number; sku: string }> = [];
  let receiver: Receiver;
  const signingSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

  beforeAll(async () => {
    t = await startTestApp({ MARKETPLACE_PUSH_INTERVAL_S: '1', MARKETPLACE_POLL_MS: '100' });
    company = await registerCompany(t.http);
    warehouse = await createWarehouse(t.http, company);
    for (const [sku, price, quantity] of [
      ['MK-1', 20, 12],
      ['MK-2', 5.5, 3],
    ] as Array<[string, number, number]>) {
      const product = await createProduct(t.http, company, { sku, price });
      products.push(product);
      await createItem(t.http, company, { product_id: product.id, warehouse_id: warehouse.id, quantity });
    }
    receiver = await startReceiver((d) => ({ status: 200, body: JSON.stringify({ external_id: `ext-${(d.json as unknown as { sku: string }).sku}` }) }));
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function connect(body: Record<string, unknown>, who = company) {
    const res = await t.http.post('/api/v1/marketplace/connections/').set(who.auth).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: number };
  }

  async function listingsOf(connectionId: number, until: (l: Listing[]) => boolean, timeoutMs = 10_000): Promise<Listing[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get(`/api/v1/marketplace/connections/${connectionId}/listings/`).set(company.auth).expect(200);
      if (until(res.body.results)) return res.body.results;
      if (Date.now() > deadline) throw new Error(`listings never got there: ${JSON.stringify(res.body.results)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  describe('connections', () => {
    it("connects 003's Amazon example, never answering its secrets, and stores them sealed", async () => {
      const res = await t.http
        .post('/api/v1/marketplace/connections/')
        .set(company.auth)
        .send({ platform: 'amazon', name: 'Amazon US Store', credentials: { ...AMAZON, refresh_token: 'Atzr|refresh-secret' } })
        .expect(201);
      expect(res.body).toMatchObject({
        platform: 'amazon',
        name: 'Amazon US Store',
        credentials_set: true,
        credentials: { seller_id: 'A1B2C3', marketplace_id: 'ATVPDKIKX0DER', access_key: '********', secret_key: '********', refresh_token: '********' },
        stock_list_id: null,
        is_active: true,
        status: 'active',
        last_synced_at: null,
      });
      const everything = JSON.stringify([
        res.body,
        (await t.http.get(`/api/v1/marketplace/connections/${res.body.id}/`).set(company.auth)).body,
        (await t.http.get('/api/v1/marketplace/connections/').set(company.auth)).body,
        (await t.http.patch(`/api/v1/marketplace/connections/${res.body.id}/`).set(company.auth).send({ name: 'Amazon US' })).body,
      ]);
      for (const secret of [AMAZON.secret_key, AMAZON.access_key, 'refresh-secret']) expect(everything).not.toContain(secret);
      const { rows } = await t.sql.query('select credentials from marketplace_connections where id = $1', [res.body.id]);
      expect(rows[0].credentials).toMatch(/^v1:/);
      expect(rows[0].credentials).not.toContain('A1B2C3');
    });

    it('checks credentials per platform and refuses unknown platforms and fields', async () => {
      const bad = [
        { platform: 'ebay', name: 'x', credentials: {} },
        { platform: 'amazon', name: 'x', credentials: { access_key: 'a' } },
        { platform: 'shopify', name: 'x', credentials: { shop_domain: 'x.myshopify.com', access_token: 't' } },
        { platform: 'custom', name: 'x', credentials: { endpoint_url: 'not a url' } },
        { platform: 'custom', name: 'x', credentials: { endpoint_url: 'https://example.com', password: 'p' } },
        { platform: 'custom', name: 'x', credentials: { endpoint_url: 'https://example.com', signing_secret: 'a\u0000b' } },
        { platform: 'custom', name: 'x', credentials: ['https://example.com'] },
        { platform: 'custom', name: '', credentials: { endpoint_url: 'https://example.com' } },
        { platform: 'custom', name: 'x', credentials: { endpoint_url: 'https://example.com' }, price_markup_percent: 5000 },
      ];
      for (const body of bad) {
        const res = await t.http.post('/api/v1/marketplace/connections/').set(company.auth).send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      const missing = await t.http
        .post('/api/v1/marketplace/connections/')
        .set(company.auth)
        .send({ platform: 'amazon', name: 'x', credentials: { access_key: 'a' } });
      expect(missing.body.error.details).toMatchObject({ 'credentials.secret_key': ['This field is required.'] });
      expect((await t.http.get('/api/v1/marketplace/connections/')).status).toBe(401);
    });

    it('updates and deletes a connection', async () => {
      const connection = await connect({ platform: 'custom', name: 'Temp', credentials: { endpoint_url: receiver.url } });
      const patched = await t.http
        .patch(`/api/v1/marketplace/connections/${connection.id}/`)
        .set(company.auth)
        .send({ is_active: false, price_markup_percent: 10 })
        .expect(200);
      expect(patched.body).toMatchObject({ is_active: false, status: 'inactive', price_markup_percent: 10 });
      await t.http.delete(`/api/v1/marketplace/connections/${connection.id}/`).set(company.auth).expect(204);
      await t.http.get(`/api/v1/marketplace/connections/${connection.id}/`).set(company.auth).expect(404);
    });
  });

  describe('sync to a custom endpoint', () => {
    it("syncs 003's single product with its price and quantity, signed like webhooks, and remembers what it pushed", async () => {
      const connection = await connect({ platform: 'custom', name: 'Middleware', credentials: { endpoint_url: receiver.url, signing_secret: signingSecret } });
      const job = await t.http
        .post('/api/v1/marketplace/products/sync/')
        .set(company.auth)
        .send({ product_id: products[0].id, connection_id: connection.id, price: 999.99, quantity: 50 })
        .expect(202);
      expect(job.body).toMatchObject({ connection_id: connection.id, total: 1, status: 'running' });
      const [listing] = await listingsOf(connection.id, (l) => l[0]?.status === 'synced');
      expect(listing).toMatchObject({
        product_id: products[0].id,
        sku: 'MK-1',
        price: 999.99,
        quantity: 50,
        pushed_price: 999.99,
        pushed_quantity: 50,
        external_id: 'ext-MK-1',
        error: null,
      });
      const delivery = receiver.received.find((d) => (d.json as unknown as { sku: string }).sku === 'MK-1')!;
      expect(verify(signingSecret, delivery)).toMatchObject({ type: 'listing.updated', product_id: products[0].id, sku: 'MK-1', price: 999.99, quantity: 50 });
      const done = await t.http.get(`/api/v1/marketplace/sync-jobs/${job.body.id}/`).set(company.auth).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', total: 1, succeeded: 1, failed: 0, errors: [] });
      const seen = (await t.http.get(`/api/v1/marketplace/connections/${connection.id}/`).set(company.auth)).body;
      expect(seen.last_synced_at).not.toBeNull();
    });

    it('syncs every product with the markup and sellable stock, pushes only what changed, and follows an order on its own', async () => {
      const connection = await connect({ platform: 'custom', name: 'Shop', credentials: { endpoint_url: receiver.url }, price_markup_percent: 10 });
      const job = await t.http.post('/api/v1/marketplace/products/sync/').set(company.auth).send({ connection_id: connection.id, all: true }).expect(202);
      expect(job.body.total).toBe(2);
      const listings = await listingsOf(connection.id, (l) => l.length === 2 && l.every((x) => x.status === 'synced'));
      expect(listings.map((l) => [l.sku, l.price, l.quantity])).toEqual([
        ['MK-1', 22, 12],
        ['MK-2', 6.05, 3],
      ]);
      const pushes = () => receiver.received.filter((d) => (d.json as unknown as { sku: string }).sku === 'MK-2').length;
      const before = pushes();
      await t.http
        .post('/api/v1/marketplace/products/sync/')
        .set(company.auth)
        .send({ connection_id: connection.id, product_ids: [products[1].id] })
        .expect(202);
      await listingsOf(connection.id, (l) => l.every((x) => x.status === 'synced'));
      await new Promise((r) => setTimeout(r, 300));
      expect(pushes()).toBe(before);

      // An order reserves 2 of MK-2: the listing follows within the push interval.
      const customer = await createCustomer(t.http, company);
      await t.http
        .post('/api/v1/orders/')
        .set(company.auth)
        .send({ customer_id: customer.id, channel_connection_id: connection.id, items: [{ product_id: products[1].id, quantity: 2 }] })
        .expect(201);
      const followed = await listingsOf(connection.id, (l) => l.find((x) => x.sku === 'MK-2')?.pushed_quantity === 1, 5_000);
      expect(followed.find((x) => x.sku === 'MK-2')).toMatchObject({ quantity: 1, status: 'synced' });
      const last = receiver.received.filter((d) => (d.json as unknown as { sku: string }).sku === 'MK-2').at(-1)!;
      expect(last.json).toMatchObject({ quantity: 1, previous_quantity: 3 });
    });

    it('records a refused push with its message, retries it, and gets it through', async () => {
      let refuse = true;
      const flaky = await startReceiver(() => (refuse ? { status: 503, body: 'maintenance' } : { status: 200, body: '{}' }));
      try {
        const connection = await connect({ platform: 'custom', name: 'Flaky', credentials: { endpoint_url: flaky.url } });
        const job = await t.http
          .post('/api/v1/marketplace/products/sync/')
          .set(company.auth)
          .send({ connection_id: connection.id, product_id: products[1].id })
          .expect(202);
        const [failed] = await listingsOf(connection.id, (l) => l[0]?.status === 'error');
        expect(failed.error).toBe('HTTP 503: maintenance');
        const report = await t.http.get(`/api/v1/marketplace/sync-jobs/${job.body.id}/`).set(company.auth).expect(200);
        expect(report.body).toMatchObject({
          status: 'failed',
          failed: 1,
          errors: [{ product_id: products[1].id, sku: 'MK-2', error: 'HTTP 503: maintenance' }],
        });
        expect((await t.http.get(`/api/v1/marketplace/connections/${connection.id}/`).set(company.auth)).body).toMatchObject({
          status: 'error',
          last_error: 'HTTP 503: maintenance',
        });
        refuse = false;
        await listingsOf(connection.id, (l) => l[0]?.status === 'synced', 8_000);
        expect((await t.http.get(`/api/v1/marketplace/sync-jobs/${job.body.id}/`).set(company.auth)).body).toMatchObject({
          status: 'completed',
          succeeded: 1,
          failed: 0,
        });
      } finally {
        await flaky.close();
      }
    });

    it('refuses bad sync requests', async () => {
      const connection = await connect({ platform: 'custom', name: 'Checks', credentials: { endpoint_url: receiver.url } });
      for (const body of [
        { connection_id: connection.id },
        { connection_id: connection.id, product_id: products[0].id, all: true },
        { connection_id: connection.id, product_ids: [products[0].id], price: 5 },
        { connection_id: connection.id, product_id: products[0].id, quantity: -1 },
        { product_id: products[0].id },
      ]) {
        expect({ body, status: (await t.http.post('/api/v1/marketplace/products/sync/').set(company.auth).send(body)).status }).toEqual({ body, status: 400 });
      }
      expect(
        (
          await t.http
            .post('/api/v1/marketplace/products/sync/')
            .set(company.auth)
            .send({ connection_id: connection.id, product_ids: [products[0].id, 999999] })
        ).status,
      ).toBe(404);
    });
  });

  it('pushes to Shopify by the documented GraphQL, and reports a quantity changed on Shopify as a conflict instead of overwriting it', async () => {
    const shop = await shopifyDouble('shpat_secret', ['MK-1']);
    try {
      const connection = await connect({
        platform: 'shopify',
        name: 'Shopify',
        credentials: { shop_domain: 'acme.myshopify.com', access_token: 'shpat_secret', location_id: '42', base_url: shop.url },
      });
      await t.http
        .post('/api/v1/marketplace/products/sync/')
        .set(company.auth)
        .send({ connection_id: connection.id, product_id: products[0].id, price: 19.5 })
        .expect(202);
      await listingsOf(connection.id, (l) => l[0]?.status === 'synced');
      expect(shop.variants.get('MK-1')).toMatchObject({ available: 12, price: '19.50' });
      const set = shop.seen.find((s) => s.body.includes('inventorySetQuantities'))!;
      expect(set.headers['x-shopify-access-token']).toBe('shpat_secret');
      expect(JSON.parse(set.body).variables.input).toMatchObject({
        name: 'available',
        ignoreCompareQuantity: true,
        quantities: [{ inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: 'gid://shopify/Location/42', quantity: 12 }],
      });

      // The merchant sold 2 in Shopify; our next push must not overwrite that.
      shop.variants.get('MK-1')!.available = 10;
      await t.http
        .post('/api/v1/marketplace/products/sync/')
        .set(company.auth)
        .send({ connection_id: connection.id, product_id: products[0].id, quantity: 9 })
        .expect(202);
      const [conflict] = await listingsOf(connection.id, (l) => l[0]?.status === 'error');
      expect(conflict.error).toContain('conflict, not overwritten');
      expect(shop.variants.get('MK-1')!.available).toBe(10);
      const compared = shop.seen.filter((s) => s.body.includes('inventorySetQuantities')).at(-1)!;
      expect(JSON.parse(compared.body).variables.input.quantities[0]).toMatchObject({ quantity: 9, compareQuantity: 12 });
    } finally {
      await shop.close();
    }
  });

  it("pushes to Amazon's Listings Items API with a Login with Amazon token, and records an INVALID answer", async () => {
    const amazon = await amazonDouble({ id: AMAZON.access_key, secret: AMAZON.secret_key, refresh: 'Atzr|refresh' }, ['MK-2']);
    try {
      const connection = await connect({
        platform: 'amazon',
        name: 'Amazon',
        credentials: { ...AMAZON, refresh_token: 'Atzr|refresh', base_url: amazon.url, token_url: `${amazon.url}/auth/o2/token` },
      });
      await t.http.post('/api/v1/marketplace/products/sync/').set(company.auth).send({ connection_id: connection.id, all: true }).expect(202);
      const listings = await listingsOf(connection.id, (l) => l.length === 2 && l.every((x) => x.status !== 'pending'));
      expect(listings.map((l) => [l.sku, l.status, l.external_id])).toEqual([
        ['MK-1', 'synced', 'sub-MK-1'],
        ['MK-2', 'error', null],
      ]);
      expect(listings[1].error).toBe('Amazon: INVALID: 90220 purchasable_offer is required');
      expect(amazon.listings.get('MK-1')).toEqual({ quantity: listings[0].quantity, price: listings[0].price });
      const patch = amazon.seen.find((s) => s.method === 'PATCH')!;
      expect(patch.path).toBe('/listings/2021-08-01/items/A1B2C3/MK-1?marketplaceIds=ATVPDKIKX0DER');
      expect(patch.headers['x-amz-access-token']).toBe('Atza|double-token');
      expect(amazon.seen.filter((s) => s.path === '/auth/o2/token')).toHaveLength(1);
    } finally {
      await amazon.close();
    }
  });

  it('carries channel orders, filters by them, and answers analytics for a period', async () => {
    const connection = await connect({ platform: 'custom', name: 'Analytics', credentials: { endpoint_url: receiver.url } });
    const customer = await createCustomer(t.http, company);
    const order = await t.http
      .post('/api/v1/orders/')
      .set(company.auth)
      .send({ customer_id: customer.id, channel_connection_id: connection.id, items: [{ product_id: products[0].id, quantity: 2 }] })
      .expect(201);
    expect(order.body.channel_connection_id).toBe(connection.id);
    await t.http
      .post('/api/v1/orders/')
      .set(company.auth)
      .send({ customer_id: customer.id, items: [{ product_id: products[0].id, quantity: 1 }] })
      .expect(201);
    const filtered = await t.http.get('/api/v1/orders/').set(company.auth).query({ channel_connection_id: connection.id }).expect(200);
    expect(filtered.body.results.map((o: { id: number }) => o.id)).toEqual([order.body.id]);
    expect(
      (
        await t.http
          .post('/api/v1/orders/')
          .set(company.auth)
          .send({ customer_id: customer.id, channel_connection_id: 999999, items: [{ product_id: products[0].id, quantity: 1 }] })
      ).status,
    ).toBe(404);

    const analytics = await t.http.get(`/api/v1/marketplace/analytics/${connection.id}/`).set(company.auth).query({ period: '7d' }).expect(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(analytics.body).toMatchObject({
      connection_id: connection.id,
      platform: 'custom',
      period: '7d',
      listed_products: 0,
      orders: 1,
      units_sold: 2,
      revenue: 40,
      average_order_value: 40,
      sync_success_rate: 1,
    });
    expect(analytics.body.daily).toHaveLength(7);
    expect(analytics.body.daily.at(-1)).toEqual({ date: today, orders: 1, units: 2, revenue: 40 });
    expect((await t.http.get(`/api/v1/marketplace/analytics/${connection.id}/`).set(company.auth).query({ period: '2w' })).status).toBe(400);
    expect((await t.http.get(`/api/v1/marketplace/analytics/${connection.id}/`).set(company.auth).expect(200)).body.daily).toHaveLength(30);
  });

  it("answers 404 for another company's connections, listings, jobs and analytics", async () => {
    const connection = await connect({ platform: 'custom', name: 'Mine', credentials: { endpoint_url: receiver.url } });
    const job = await t.http
      .post('/api/v1/marketplace/products/sync/')
      .set(company.auth)
      .send({ connection_id: connection.id, product_id: products[0].id })
      .expect(202);
    const stranger = await registerCompany(t.http);
    const theirProduct = await createProduct(t.http, stranger);
    await expectForeignIdsNotFound(t.http, stranger, [
      ['get', `/api/v1/marketplace/connections/${connection.id}/`],
      ['patch', `/api/v1/marketplace/connections/${connection.id}/`, { name: 'theirs' }],
      ['delete', `/api/v1/marketplace/connections/${connection.id}/`],
      ['get', `/api/v1/marketplace/connections/${connection.id}/listings/`],
      ['get', `/api/v1/marketplace/sync-jobs/${job.body.id}/`],
      ['get', `/api/v1/marketplace/analytics/${connection.id}/`],
      ['post', '/api/v1/marketplace/products/sync/', { connection_id: connection.id, product_id: theirProduct.id }],
    ]);
    await expectForeignIdsNotFound(t.http, company, [
      ['post', '/api/v1/marketplace/products/sync/', { connection_id: connection.id, product_id: theirProduct.id }],
    ]);
    expect((await t.http.get('/api/v1/marketplace/connections/').set(stranger.auth).expect(200)).body.count).toBe(0);
  });

  it("offers a connection what its stock list's rule makes sellable: its stock types, less safety stock", async () => {
    const store = await createWarehouse(t.http, company, { name: 'Channel store' });
    const bin = async (code: string, stock_type: string) =>
      (await t.http.post('/api/v1/stock-locations/').set(company.auth).send({ name: code, code, provider: store.id, stock_type }).expect(201)).body
        .id as number;
    const product = await createProduct(t.http, company, { sku: 'MK-LIST', price: 10 });
    await createItem(t.http, company, { product_id: product.id, warehouse_id: store.id, location_id: await bin('GOOD', 'standard'), quantity: 9 });
    await createItem(t.http, company, { product_id: product.id, warehouse_id: store.id, location_id: await bin('BAD', 'damaged'), quantity: 6 });
    await createItem(t.http, company, { product_id: product.id, warehouse_id: warehouse.id, quantity: 100 });
    const rule = await t.http
      .post('/api/v1/stock-list-rules/')
      .set(company.auth)
      .send({ name: 'Sellable in store', warehouse_ids: [store.id], stock_types: ['standard'], safety_stock: 2 })
      .expect(201);
    const list = await t.http.post('/api/v1/stock-lists/').set(company.auth).send({ name: 'Store', code: 'STORE', rule_id: rule.body.id }).expect(201);
    const connection = await connect({ platform: 'custom', name: 'By list', credentials: { endpoint_url: receiver.url }, stock_list_id: list.body.id });
    await t.http.post('/api/v1/marketplace/products/sync/').set(company.auth).send({ connection_id: connection.id, product_id: product.id }).expect(202);
    const [listing] = await listingsOf(connection.id, (l) => l.length === 1 && l[0].status === 'synced');
    expect(listing).toMatchObject({ sku: 'MK-LIST', quantity: 7, pushed_quantity: 7 });
    const pushed = receiver.received.filter((d) => (d.json as unknown as { sku: string }).sku === 'MK-LIST');
    expect(pushed.map((d) => (d.json as unknown as { quantity: number }).quantity)).toEqual([7]);
    const held = await t.http.delete(`/api/v1/stock-lists/${list.body.id}/`).set(company.auth).expect(409);
    expect(held.body.error.message).toMatch(/connections sell by this stock list/);
    await t.http.get(`/api/v1/stock-lists/${list.body.id}/`).set(company.auth).expect(200);
  });
});

describe('marketplace URLs in production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_REQUIRE_HTTPS: 'true', MARKETPLACE_PUSHER: 'false' });
  });
  afterAll(() => t.close());

  it('accepts only https URLs in credentials', async () => {
    const company = await registerCompany(t.http);
    const res = await t.http
      .post('/api/v1/marketplace/connections/')
      .set(company.auth)
      .send({ platform: 'custom', name: 'Plain', credentials: { endpoint_url: 'http://example.com/listings' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ 'credentials.endpoint_url': ['Must be an https URL.'] });
    await t.http
      .post('/api/v1/marketplace/connections/')
      .set(company.auth)
      .send({ platform: 'custom', name: 'Secure', credentials: { endpoint_url: 'https://example.com/listings' } })
      .expect(201);
  });
});
