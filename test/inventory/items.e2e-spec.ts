import type { Tenant } from '../support/factories';
import { addMember, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const ITEMS = '/api/v1/inventory/items';

describe('inventory items (003)', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number; name: string };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a, { name: 'Main Warehouse', location: '123 Main St' });
  });
  afterAll(() => t.close());

  it("creates an item and answers 003's shape, booking the initial quantity", async () => {
    const p = await createProduct(t.http, a, { name: 'Laptop', sku: 'LAP001', price: 999.99, category: 'Electronics' });
    const res = await t.http
      .post(`${ITEMS}/`)
      .set(a.auth)
      .send({ product_id: p.id, warehouse_id: w.id, quantity: 50, min_stock_level: 5, max_stock_level: 100 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      product: { id: p.id, name: 'Laptop', sku: 'LAP001', price: 999.99, category: 'Electronics' },
      warehouse: { id: w.id, name: 'Main Warehouse', location: '123 Main St' },
      location: null,
      quantity: 50,
      reserved_quantity: 0,
      available_quantity: 50,
      min_stock_level: 5,
      max_stock_level: 100,
      stock_status: 'normal',
      last_updated: expect.stringMatching(/Z$/),
    });
    const { rows } = await t.sql.query('select type, quantity_delta, quantity_after from stock_movements where stock_level_id = $1', [res.body.id]);
    expect(rows).toEqual([{ type: 'initial', quantity_delta: 50, quantity_after: 50 }]);
    expect((await t.http.get(`${ITEMS}/${res.body.id}/`).set(a.auth)).body).toEqual(res.body);
  });

  it('refuses a second row for the same slot (409), unknown products or bins (404), bad values (400)', async () => {
    const p = await createProduct(t.http, a);
    await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id });
    expect((await t.http.post(`${ITEMS}/`).set(a.auth).send({ product_id: p.id, warehouse_id: w.id })).status).toBe(409);
    expect((await t.http.post(`${ITEMS}/`).set(a.auth).send({ product_id: 999999, warehouse_id: w.id })).status).toBe(404);
    expect((await t.http.post(`${ITEMS}/`).set(a.auth).send({ product_id: p.id, warehouse_id: w.id, location_id: 999999 })).status).toBe(404);
    const bad = await t.http.post(`${ITEMS}/`).set(a.auth).send({ product_id: 'x', quantity: -1, min_stock_level: 10, max_stock_level: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      product_id: ['A valid integer is required.'],
      warehouse_id: ['This field is required.'],
      quantity: ['Ensure this value is greater than or equal to 0.'],
    });
    const minMax = await t.http
      .post(`${ITEMS}/`)
      .set(a.auth)
      .send({ product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id, min_stock_level: 10, max_stock_level: 5 });
    expect(minMax.status).toBe(400);
    expect(minMax.body.max_stock_level).toEqual(['Must be at least min_stock_level.']);
  });

  it('PATCH sets quantity and levels as 003 shows, booking the difference', async () => {
    const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id, quantity: 50 });
    const res = await t.http.patch(`${ITEMS}/${item.id}/`).set(a.auth).send({ quantity: 75, min_stock_level: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quantity: 75, min_stock_level: 10, available_quantity: 75 });
    const { rows } = await t.sql.query('select type, quantity_delta from stock_movements where stock_level_id = $1 order by id', [item.id]);
    expect(rows).toEqual([
      { type: 'initial', quantity_delta: 50 },
      { type: 'update', quantity_delta: 25 },
    ]);
  });

  it('filters and orders as 003 lists', async () => {
    const c = await registerCompany(t.http);
    const w1 = await createWarehouse(t.http, c);
    const w2 = await createWarehouse(t.http, c);
    const laptop = await createProduct(t.http, c, { name: 'Laptop Pro', sku: 'LAP-1', category: 'Electronics' });
    const mouse = await createProduct(t.http, c, { name: 'Mouse', sku: 'MOU-1', category: 'Accessories' });
    await createItem(t.http, c, { product_id: laptop.id, warehouse_id: w1.id, quantity: 3, min_stock_level: 5 });
    await createItem(t.http, c, { product_id: laptop.id, warehouse_id: w2.id, quantity: 40, min_stock_level: 5 });
    await createItem(t.http, c, { product_id: mouse.id, warehouse_id: w1.id, quantity: 0 });
    const q = async (query: string) => (await t.http.get(`${ITEMS}/?${query}`).set(c.auth)).body;
    expect((await q('product_name=laptop')).count).toBe(2);
    expect((await q('category=accessories')).count).toBe(1);
    expect((await q(`warehouse_id=${w1.id}`)).count).toBe(2);
    expect((await q('sku=mou-1')).count).toBe(1);
    expect((await q('stock_status=low')).results.map((i: { quantity: number }) => i.quantity)).toEqual([3]);
    expect((await q('stock_status=out')).results.map((i: { quantity: number }) => i.quantity)).toEqual([0]);
    expect((await q('stock_status=normal')).count).toBe(1);
    expect((await q('min_stock=1&max_stock=10')).count).toBe(1);
    expect((await q('ordering=-quantity')).results.map((i: { quantity: number }) => i.quantity)).toEqual([40, 3, 0]);
    expect((await q('ordering=product__name,-available_quantity')).results.map((i: { quantity: number }) => i.quantity)).toEqual([40, 3, 0]);
    for (const bad of ['ordering=price', 'stock_status=empty', 'warehouse_id=abc', 'min_stock=x']) {
      expect((await t.http.get(`${ITEMS}/?${bad}`).set(c.auth)).status).toBe(400);
    }
  });

  it('pages with the count of all that match, past the end too, and lists each item as its detail answers it', async () => {
    const c = await registerCompany(t.http);
    const north = await createWarehouse(t.http, c, { name: 'North' });
    const east = await createWarehouse(t.http, c, { name: 'East' });
    const cotton = await createProduct(t.http, c, { name: "O'Brien \\ 100% cotton", sku: 'SH_1' });
    const plain = await createProduct(t.http, c, { name: 'Plain', sku: 'SH11' });
    const a = await createItem(t.http, c, { product_id: cotton.id, warehouse_id: north.id, quantity: 4 });
    const b = await createItem(t.http, c, { product_id: plain.id, warehouse_id: east.id, quantity: 9 });
    const d = await createItem(t.http, c, { product_id: plain.id, warehouse_id: north.id, quantity: 1 });
    const ids = async (query: string) => {
      const res = await t.http.get(`${ITEMS}/?${query}`).set(c.auth).expect(200);
      return { count: res.body.count as number, ids: res.body.results.map((i: { id: number }) => i.id) as number[], body: res.body };
    };

    // By warehouse name, then id: East (b), North (a, d).
    expect(await ids('ordering=warehouse__name&page_size=2')).toMatchObject({ count: 3, ids: [b.id, a.id] });
    const second = await ids('ordering=warehouse__name&page_size=2&page=2');
    expect(second).toMatchObject({ count: 3, ids: [d.id] });
    expect(second.body.results[0]).toEqual((await t.http.get(`${ITEMS}/${d.id}/`).set(c.auth).expect(200)).body);
    expect(await ids('page_size=2&page=3')).toMatchObject({ count: 3, ids: [] });
    expect(await ids(`ordering=-quantity&warehouse_id=${north.id}`)).toMatchObject({ count: 2, ids: [a.id, d.id] });

    // Search text and SKUs are matched as written: quotes, backslashes, % and _ are not SQL.
    expect(await ids(`search=${encodeURIComponent("o'brien \\ 100%")}`)).toMatchObject({ count: 1, ids: [a.id] });
    expect(await ids('search=SH_')).toMatchObject({ count: 1, ids: [a.id] });
    expect(await ids(`product_name=${encodeURIComponent("'; drop table stock_levels; --")}`)).toMatchObject({ count: 0, ids: [] });
    expect(await ids(`search=plain&cursor=&page_size=1`)).toMatchObject({ count: 2, ids: [b.id] });
  });

  it('pages by cursor: follow next to the end, no row twice or missed', async () => {
    const c = await registerCompany(t.http);
    const wc = await createWarehouse(t.http, c);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await createItem(t.http, c, { product_id: (await createProduct(t.http, c)).id, warehouse_id: wc.id, quantity: i })).id);
    const seen: number[] = [];
    let url: string | null = `${ITEMS}/?page_size=3&cursor=`;
    let pages = 0;
    while (url) {
      const res: { status: number; body: { results: Array<{ id: number }>; next: string | null } } = await t.http
        .get(url.replace(/^https?:\/\/[^/]+/, ''))
        .set(c.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 7, previous: null });
      seen.push(...res.body.results.map((r: { id: number }) => r.id));
      url = res.body.next;
      pages++;
    }
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    const filtered = await t.http.get(`${ITEMS}/?cursor=&min_stock=5`).set(c.auth);
    expect(filtered.body.results.map((r: { quantity: number }) => r.quantity)).toEqual([5, 6]);
    expect((await t.http.get(`${ITEMS}/?cursor=garbage`).set(c.auth)).status).toBe(400);
    expect((await t.http.get(`${ITEMS}/?cursor=&ordering=-quantity`).set(c.auth)).status).toBe(400);
  });

  it('answers alerts: out first, then furthest below the minimum', async () => {
    const c = await registerCompany(t.http);
    const wc = await createWarehouse(t.http, c);
    const mk = async (quantity: number, min: number) =>
      (await createItem(t.http, c, { product_id: (await createProduct(t.http, c)).id, warehouse_id: wc.id, quantity, min_stock_level: min })).id;
    const slightlyLow = await mk(9, 10);
    const out = await mk(0, 5);
    const veryLow = await mk(1, 20);
    await mk(50, 10);
    const res = await t.http.get('/api/v1/inventory/alerts/').set(c.auth);
    expect(res.status).toBe(200);
    expect(res.body.results.map((i: { id: number }) => i.id)).toEqual([out, veryLow, slightlyLow]);
  });

  it("bulk-updates all or nothing, in 003's format", async () => {
    const i1 = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id, quantity: 10 });
    const i2 = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id, quantity: 10 });
    const ok = await t.http
      .post('/api/v1/inventory/bulk-update/')
      .set(a.auth)
      .send({
        updates: [
          { id: i1.id, data: { quantity: 60 } },
          { id: i2.id, data: { quantity: 40 } },
        ],
      });
    expect(ok.status).toBe(200);
    expect(ok.body.updated).toBe(2);
    expect(ok.body.items.map((i: { quantity: number }) => i.quantity)).toEqual([60, 40]);

    const failing = await t.http
      .post('/api/v1/inventory/bulk-update/')
      .set(a.auth)
      .send({
        updates: [
          { id: i1.id, data: { quantity: 1 } },
          { id: 999999, data: { quantity: 1 } },
        ],
      });
    expect(failing.status).toBe(404);
    const { rows } = await t.sql.query('select on_hand from stock_levels where id = any($1) order by id', [[i1.id, i2.id]]);
    expect(rows.map((r) => r.on_hand)).toEqual([60, 40]);

    const invalid = await t.http
      .post('/api/v1/inventory/bulk-update/')
      .set(a.auth)
      .send({ updates: [{ id: i1.id, data: { quantity: -5 } }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body['updates[0].data.quantity']).toEqual(['Ensure this value is greater than or equal to 0.']);
    expect((await t.http.post('/api/v1/inventory/bulk-update/').set(a.auth).send({ updates: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ id: i + 1, data: { quantity: 1 } }));
    expect((await t.http.post('/api/v1/inventory/bulk-update/').set(a.auth).send({ updates: tooMany })).status).toBe(400);
  });

  it('keeps viewers to reading and needs credentials', async () => {
    const viewer = await addMember(t.http, a);
    const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id });
    expect((await t.http.get(`${ITEMS}/${item.id}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.patch(`${ITEMS}/${item.id}/`).set(viewer.auth).send({ quantity: 1 })).status).toBe(403);
    expect((await t.http.get(`${ITEMS}/`)).status).toBe(401);
    expect((await t.http.get('/api/v1/inventory/alerts/')).status).toBe(401);
    expect((await t.http.post('/api/v1/inventory/bulk-update/').send({})).status).toBe(401);
  });

  it("answers 404 to another company's items and references, and changes nothing", async () => {
    const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w.id, quantity: 7 });
    const b = await registerCompany(t.http);
    const bp = await createProduct(t.http, b);
    const bw = await createWarehouse(t.http, b);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${ITEMS}/${item.id}/`],
      ['patch', `${ITEMS}/${item.id}/`, { quantity: 0 }],
      ['post', '/api/v1/inventory/bulk-update/', { updates: [{ id: item.id, data: { quantity: 0 } }] }],
      ['post', `${ITEMS}/`, { product_id: bp.id, warehouse_id: w.id }],
      ['post', `${ITEMS}/`, { product_id: item.product && (item.product as { id: number }).id, warehouse_id: bw.id }],
    ]);
    const { rows } = await t.sql.query('select on_hand from stock_levels where id = $1', [item.id]);
    expect(rows[0].on_hand).toBe(7);
    expect((await t.http.get(`${ITEMS}/`).set(b.auth)).body.count).toBe(0);
  });
});
