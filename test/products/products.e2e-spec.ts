import type { Tenant } from '../support/factories';
import { addMember, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const BASE = '/api/v1/products';

describe('products (002, 003)', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it("creates a product from 002's body (name and price) with a generated SKU", async () => {
    const res = await t.http.post('/api/products').set(a.auth).send({ name: 'Laptop', price: 999.99 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      message: 'Product created successfully.',
      product_id: res.body.id,
      id: expect.any(Number),
      sku: 'SKU-00001',
      name: 'Laptop',
      description: '',
      price: 999.99,
      category: '',
      barcode: '',
      unit: 'pcs',
      is_active: true,
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    const { rows } = await t.sql.query('select price::text from products where id = $1', [res.body.id]);
    expect(rows[0].price).toBe('999.99');
  });

  it('keeps SKUs unique per company', async () => {
    await createProduct(t.http, a, { sku: 'LAP001' });
    const dup = await t.http.post(`${BASE}/`).set(a.auth).send({ sku: 'LAP001', name: 'Again' });
    expect(dup.status).toBe(400);
    expect(dup.body.sku).toEqual(['A product with this SKU already exists in your company.']);
    const b = await registerCompany(t.http);
    expect((await t.http.post(`${BASE}/`).set(b.auth).send({ sku: 'LAP001', name: 'Theirs' })).status).toBe(201);
  });

  it('validates fields', async () => {
    const res = await t.http.post(`${BASE}/`).set(a.auth).send({ price: 1.999, sku: 'bad sku', color: 'red' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      name: ['This field is required.'],
      price: ['A valid number with at most two decimals is required.'],
      sku: ['Use letters, digits and . _ - / only, starting with a letter or digit.'],
      color: ['This field is not allowed.'],
    });
    expect((await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'x', price: -1 })).body.price).toEqual(['Ensure this value is greater than or equal to 0.']);
  });

  it('lists with search, category, is_active and ordering', async () => {
    const c = await registerCompany(t.http);
    await createProduct(t.http, c, { sku: 'A-1', name: 'Blue Widget', category: 'Widgets', price: 5 });
    await createProduct(t.http, c, { sku: 'A-2', name: 'Red Widget', category: 'Widgets', price: 3 });
    await createProduct(t.http, c, { sku: 'G-1', name: 'Gadget', category: 'Gadgets', price: 10, is_active: false });
    const all = await t.http.get(`${BASE}/?ordering=-price`).set(c.auth);
    expect(all.body.results.map((p: { sku: string }) => p.sku)).toEqual(['G-1', 'A-1', 'A-2']);
    expect((await t.http.get(`${BASE}/?search=widget`).set(c.auth)).body.count).toBe(2);
    expect((await t.http.get(`${BASE}/?search=g-1`).set(c.auth)).body.count).toBe(1);
    expect((await t.http.get(`${BASE}/?category=widgets`).set(c.auth)).body.count).toBe(2);
    expect((await t.http.get(`${BASE}/?is_active=false`).set(c.auth)).body.results[0].sku).toBe('G-1');
    expect((await t.http.get(`${BASE}/?ordering=cost`).set(c.auth)).status).toBe(400);
  });

  it('pages with the count of all that match, past the end too, and answers each product as its detail does', async () => {
    const c = await registerCompany(t.http);
    const made = [];
    for (const name of ["O'Brien \\ 100% cotton", 'Plain', 'Plain too']) made.push(await createProduct(t.http, c, { name, category: 'Shirts' }));
    const w = await createWarehouse(t.http, c);
    await createItem(t.http, c, { product_id: made[1].id, warehouse_id: w.id, quantity: 1 });

    const second = await t.http.get(`${BASE}/?page=2&page_size=2&ordering=-name`).set(c.auth).expect(200);
    expect(second.body.count).toBe(3);
    expect(second.body.results.map((p: { id: number }) => p.id)).toEqual([made[0].id]);
    expect(second.body.results[0]).toEqual((await t.http.get(`${BASE}/${made[0].id}/`).set(c.auth).expect(200)).body);
    const past = await t.http.get(`${BASE}/?page=3&page_size=2`).set(c.auth).expect(200);
    expect(past.body).toMatchObject({ count: 3, results: [] });

    // Search text is matched as written: quotes, backslashes and % are not SQL.
    const search = await t.http
      .get(`${BASE}/?search=${encodeURIComponent("o'brien \\ 100%")}`)
      .set(c.auth)
      .expect(200);
    expect(search.body.results.map((p: { id: number }) => p.id)).toEqual([made[0].id]);
    expect(
      (
        await t.http
          .get(`${BASE}/?search=${encodeURIComponent("'; drop table products; --")}`)
          .set(c.auth)
          .expect(200)
      ).body.count,
    ).toBe(0);
    const stocked = await t.http.get(`${BASE}/?warehouse_id=${w.id}`).set(c.auth).expect(200);
    expect(stocked.body.results.map((p: { id: number }) => p.id)).toEqual([made[1].id]);
    const bySku = await t.http.get(`${BASE}/?sku=${made[2].sku.toLowerCase()}`).set(c.auth).expect(200);
    expect(bySku.body.results.map((p: { id: number }) => p.id)).toEqual([made[2].id]);
  });

  it('reads, updates and deletes', async () => {
    const p = await createProduct(t.http, a);
    expect((await t.http.get(`${BASE}/${p.id}/`).set(a.auth)).body.name).toBe(p.name);
    const patched = await t.http.patch(`${BASE}/${p.id}/`).set(a.auth).send({ price: 12.5, category: 'Tools' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ price: 12.5, category: 'Tools', sku: p.sku });
    expect((await t.http.delete(`${BASE}/${p.id}/`).set(a.auth)).status).toBe(204);
    expect((await t.http.get(`${BASE}/${p.id}/`).set(a.auth)).status).toBe(404);
  });

  it('refuses to delete a product with stock (409) and keeps it', async () => {
    const p = await createProduct(t.http, a);
    const w = await createWarehouse(t.http, a);
    await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 3 });
    const res = await t.http.delete(`${BASE}/${p.id}/`).set(a.auth);
    expect(res.status).toBe(409);
    expect((await t.http.get(`${BASE}/${p.id}/`).set(a.auth)).status).toBe(200);
  });

  it('lets viewers read but not write', async () => {
    const viewer = await addMember(t.http, a);
    expect((await t.http.get(`${BASE}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.post(`${BASE}/`).set(viewer.auth).send({ name: 'x' })).status).toBe(403);
    expect((await t.http.get(`${BASE}/`)).status).toBe(401);
  });

  it('answers 404 to another company on every verb and changes nothing', async () => {
    const p = await createProduct(t.http, a, { name: 'Secret' });
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${BASE}/${p.id}/`],
      ['patch', `${BASE}/${p.id}/`, { name: 'Hacked' }],
      ['delete', `${BASE}/${p.id}/`],
    ]);
    const { rows } = await t.sql.query('select name from products where id = $1', [p.id]);
    expect(rows[0].name).toBe('Secret');
    expect((await t.http.get(`${BASE}/?search=Secret`).set(b.auth)).body.count).toBe(0);
  });
});
