import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let a: Tenant;
  let body: { customer_id: number; items: Array<{ product_id: number; quantity: number }> };
  let itemId: number;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    const w = await createWarehouse(t.http, a);
    const p = await createProduct(t.http, a);
    itemId = (await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 100 })).id;
    body = { customer_id: (await createCustomer(t.http, a)).id, items: [{ product_id: p.id, quantity: 1 }] };
  });
  afterAll(() => t.close());

  const reserved = async () => (await t.sql.query('select reserved from stock_levels where id = $1', [itemId])).rows[0].reserved as number;
  const post = (key: string, payload: object = body, who: Tenant = a) => t.http.post('/api/v1/orders/').set(who.auth).set('Idempotency-Key', key).send(payload);

  it('replays the first response for the same key and body, doing the work once', async () => {
    const before = await reserved();
    const first = await post('order-key-1');
    const again = await post('order-key-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await reserved()).toBe(before + 1);
    // /api/orders and /api/v1/orders/ are one route: the same key replays there too.
    const elsewhere = await t.http.post('/api/orders').set(a.auth).set('Idempotency-Key', 'order-key-1').send(body);
    expect(elsewhere.body.id).toBe(first.body.id);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    await post('order-key-2');
    const res = await post('order-key-2', { ...body, items: [{ ...body.items[0], quantity: 2 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('treats the same body with keys in another order as the same body', async () => {
    const first = await post('order-key-3', { items: body.items, customer_id: body.customer_id });
    const again = await post('order-key-3', { customer_id: body.customer_id, items: body.items });
    expect(again.body.id).toBe(first.body.id);
  });

  it('does the work once when duplicates race; the loser hears 409 or the replay', async () => {
    const before = await reserved();
    const results = await Promise.all([0, 1, 2].map(() => post('order-key-race')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
    expect(await reserved()).toBe(before + 1);
  });

  it('gives the key back when the request fails, so a retry can use it', async () => {
    const failed = await post('order-key-4', { ...body, items: [{ ...body.items[0], quantity: 100000 }] });
    expect(failed.status).toBe(409);
    expect((await post('order-key-4', { ...body, items: [{ ...body.items[0], quantity: 100000 }] })).status).toBe(409);
    const { rows } = await t.sql.query(`select count(*)::int as n from idempotency_keys where key = 'order-key-4'`);
    expect(rows[0].n).toBe(0);
  });

  it("keeps keys per user, and checks the key's form", async () => {
    const other = await registerCompany(t.http);
    const w = await createWarehouse(t.http, other);
    const p = await createProduct(t.http, other);
    await createItem(t.http, other, { product_id: p.id, warehouse_id: w.id, quantity: 5 });
    const theirs = { customer_id: (await createCustomer(t.http, other)).id, items: [{ product_id: p.id, quantity: 1 }] };
    const res = await post('order-key-1', theirs, other);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect((await post('has spaces')).status).toBe(400);
  });

  it('covers every POST, not only orders', async () => {
    const first = await t.http.post('/api/v1/products/').set(a.auth).set('Idempotency-Key', 'product-1').send({ name: 'Once' });
    const again = await t.http.post('/api/v1/products/').set(a.auth).set('Idempotency-Key', 'product-1').send({ name: 'Once' });
    expect(again.body.id).toBe(first.body.id);
    const { rows } = await t.sql.query(`select count(*)::int as n from products where company_id = $1 and name = 'Once'`, [a.companyId]);
    expect(rows[0].n).toBe(1);
  });
});
