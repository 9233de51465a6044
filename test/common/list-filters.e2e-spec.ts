import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** Lists refuse parameters they do not know, and filter by the objects they reference. */
describe('list filters', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let w1: { id: number };
  let w2: { id: number };
  let bin: { id: number };
  let p1: { id: number; sku: string };
  let p2: { id: number; sku: string };
  let order: { id: number };

  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    b = await registerCompany(t.http);
    w1 = await createWarehouse(t.http, a);
    w2 = await createWarehouse(t.http, a);
    bin = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'Bin A', code: 'A-1', provider: w1.id })).body;
    p1 = await createProduct(t.http, a, { name: 'Red widget', category: 'Widgets' });
    p2 = await createProduct(t.http, a, { name: 'Blue gadget', category: 'Gadgets' });
    await createItem(t.http, a, { product_id: p1.id, warehouse_id: w1.id, location_id: bin.id, quantity: 10 });
    await createItem(t.http, a, { product_id: p1.id, warehouse_id: w2.id, quantity: 5 });
    await createItem(t.http, a, { product_id: p2.id, warehouse_id: w2.id, quantity: 7 });
    const customer = await createCustomer(t.http, a);
    order = (
      await t.http
        .post('/api/v1/orders/')
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: p2.id, quantity: 1, warehouse_id: w2.id }] })
    ).body;
  });
  afterAll(() => t.close());

  const ids = (body: { results: Array<{ id: number }> }) => body.results.map((r) => r.id).sort((x, y) => x - y);

  it('refuses an unknown parameter with 400 naming the accepted ones', async () => {
    const res = await t.http.get('/api/v1/inventory/items/?warehouse=1').set(a.auth);
    expect(res.status).toBe(400);
    expect(res.body.warehouse[0]).toMatch(/^Unknown query parameter "warehouse"\. Accepted: .*\bwarehouse_id\b/);
    expect(res.body.warehouse[0]).toContain('product_id');
  });

  it('filters inventory items by product, bin, warehouse, SKU, search, category and stock status', async () => {
    const count = async (query: string) => {
      const res = await t.http.get(`/api/v1/inventory/items/?${query}`).set(a.auth);
      expect(res.status).toBe(200);
      return res.body.count as number;
    };
    expect(await count(`product_id=${p1.id}`)).toBe(2);
    expect(await count(`location_id=${bin.id}`)).toBe(1);
    expect(await count(`warehouse_id=${w2.id}`)).toBe(2);
    expect(await count(`sku=${p2.sku.toLowerCase()}`)).toBe(1);
    expect(await count('search=gadg')).toBe(1);
    expect(await count('category=widgets')).toBe(2);
    expect(await count('stock_status=normal')).toBe(3);
    expect(await count(`product_id=${p1.id}&warehouse_id=${w2.id}`)).toBe(1);
  });

  it('filters movements by bin and user, orders by product and warehouse, products by SKU and warehouse', async () => {
    const movements = await t.http.get(`/api/v1/inventory/movements/?location_id=${bin.id}`).set(a.auth);
    expect(movements.body.count).toBe(1);
    expect((await t.http.get(`/api/v1/inventory/movements/?user_id=${a.userId}`).set(a.auth)).body.count).toBeGreaterThanOrEqual(3);
    expect(ids((await t.http.get(`/api/v1/orders/?product_id=${p2.id}`).set(a.auth)).body)).toEqual([order.id]);
    expect((await t.http.get(`/api/v1/orders/?product_id=${p1.id}`).set(a.auth)).body.count).toBe(0);
    expect(ids((await t.http.get(`/api/v1/orders/?warehouse_id=${w2.id}`).set(a.auth)).body)).toEqual([order.id]);
    expect(ids((await t.http.get(`/api/v1/products/?sku=${p1.sku}`).set(a.auth)).body)).toEqual([p1.id]);
    expect(ids((await t.http.get(`/api/v1/products/?warehouse_id=${w1.id}`).set(a.auth)).body)).toEqual([p1.id]);
    expect((await t.http.get('/api/v1/payments/transactions/?gateway_id=1').set(a.auth)).status).toBe(200);
  });

  it('reveals nothing of another company through a filter', async () => {
    for (const url of [`/api/v1/inventory/items/?product_id=${p1.id}`, `/api/v1/orders/?product_id=${p2.id}`, `/api/v1/products/?warehouse_id=${w1.id}`]) {
      const res = await t.http.get(url).set(b.auth);
      expect([url, res.status, res.body.count]).toEqual([url, 200, 0]);
    }
  });
});
