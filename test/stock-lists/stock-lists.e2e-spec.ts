import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import { expectForeignIdsNotFound } from '../support/isolation';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

type Stock = { sku: string; product_id: number; quantity: number; total_available: number; modified_date: string };

/** Document 000's stock lists: a channel sells what its rule makes sellable, live. */
describe('stock lists', () => {
  let t: TestApp;
  let company: Tenant;
  let w1: { id: number };
  let w2: { id: number };
  let bin1: number;
  let bin2: number;
  const products: Array<{ id: number; sku: string }> = [];

  beforeAll(async () => {
    t = await startTestApp();
    company = await registerCompany(t.http);
    w1 = await createWarehouse(t.http, company, { name: 'One' });
    w2 = await createWarehouse(t.http, company, { name: 'Two' });
    bin1 = (await t.http.post('/api/v1/stock-locations/').set(company.auth).send({ name: 'Bin 1', code: 'B1', provider: w1.id }).expect(201)).body.id;
    bin2 = (await t.http.post('/api/v1/stock-locations/').set(company.auth).send({ name: 'Bin 2', code: 'B2', provider: w1.id }).expect(201)).body.id;
    for (const sku of ['P1', 'P2', 'P3']) products.push(await createProduct(t.http, company, { sku }));
    // P1: 10 in bin 1, 5 in bin 2, 7 in warehouse two; P2: 3 unbinned in warehouse one; P3: 4 in warehouse two.
    for (const [p, warehouse, location, quantity] of [
      [0, w1.id, bin1, 10],
      [0, w1.id, bin2, 5],
      [0, w2.id, null, 7],
      [1, w1.id, null, 3],
      [2, w2.id, null, 4],
    ] as Array<[number, number, number | null, number]>) {
      await createItem(t.http, company, { product_id: products[p].id, warehouse_id: warehouse, location_id: location ?? undefined, quantity });
    }
  });
  afterAll(() => t.close());

  async function listFor(rule: Record<string, unknown>): Promise<{ ruleId: number; listId: number }> {
    const created = await t.http.post('/api/v1/stock-list-rules/').set(company.auth).send(rule).expect(201);
    const list = await t.http
      .post('/api/v1/stock-lists/')
      .set(company.auth)
      .send({ name: `List ${created.body.id}`, code: `L${created.body.id}`, rule_id: created.body.id })
      .expect(201);
    return { ruleId: created.body.id, listId: list.body.id };
  }

  async function stocks(listId: number, query: Record<string, unknown> = {}): Promise<Record<string, number>> {
    const res = await t.http.get(`/api/v1/stock-lists/${listId}/stocks/`).set(company.auth).query(query).expect(200);
    return Object.fromEntries((res.body.results as Stock[]).map((s) => [s.sku, s.quantity]));
  }

  it('creates a rule and a list and answers them', async () => {
    const rule = await t.http
      .post('/api/v1/stock-list-rules/')
      .set(company.auth)
      .send({ name: 'Web', warehouse_ids: [w1.id, w1.id], safety_stock: 2, safety_stock_percent: 12.5, min_quantity_to_publish: 1 })
      .expect(201);
    expect(rule.body).toMatchObject({
      name: 'Web',
      warehouse_ids: [w1.id],
      location_ids: null,
      safety_stock: 2,
      safety_stock_percent: 12.5,
      min_quantity_to_publish: 1,
      is_active: true,
    });
    const list = await t.http.post('/api/v1/stock-lists/').set(company.auth).send({ name: 'Web shop', code: 'WEB', rule_id: rule.body.id }).expect(201);
    expect(list.body).toMatchObject({ name: 'Web shop', code: 'WEB', rule_id: rule.body.id });
    expect((await t.http.get(`/api/v1/stock-lists/${list.body.id}/`).set(company.auth).expect(200)).body.code).toBe('WEB');
    expect((await t.http.get('/api/v1/stock-lists/').set(company.auth).expect(200)).body.count).toBeGreaterThan(0);
    expect((await t.http.get('/api/v1/stock-list-rules/').set(company.auth).expect(200)).body.count).toBeGreaterThan(0);
    expect((await t.http.post('/api/v1/stock-lists/').set(company.auth).send({ name: 'Again', code: 'WEB', rule_id: rule.body.id })).status).toBe(409);
    expect((await t.http.delete(`/api/v1/stock-list-rules/${rule.body.id}/`).set(company.auth)).status).toBe(409);
    const renamed = await t.http.patch(`/api/v1/stock-lists/${list.body.id}/`).set(company.auth).send({ name: 'Web store' }).expect(200);
    expect(renamed.body.name).toBe('Web store');
    await t.http.delete(`/api/v1/stock-lists/${list.body.id}/`).set(company.auth).expect(204);
    await t.http.delete(`/api/v1/stock-list-rules/${rule.body.id}/`).set(company.auth).expect(204);
    await t.http.get(`/api/v1/stock-list-rules/${rule.body.id}/`).set(company.auth).expect(404);
  });

  it('computes sellable stock per SKU by the rule: warehouses, bins, safety stock, percent, minimum', async () => {
    expect(await stocks((await listFor({ name: 'W1', warehouse_ids: [w1.id] })).listId)).toEqual({ P1: 15, P2: 3 });
    expect(await stocks((await listFor({ name: 'W1 less 2', warehouse_ids: [w1.id], safety_stock: 2 })).listId)).toEqual({ P1: 13, P2: 1 });
    expect(await stocks((await listFor({ name: 'Bin 1', warehouse_ids: [w1.id], location_ids: [bin1] })).listId)).toEqual({ P1: 10 });
    expect(
      await stocks((await listFor({ name: 'All, half, from 5', warehouse_ids: [w1.id, w2.id], safety_stock_percent: 50, min_quantity_to_publish: 5 })).listId),
    ).toEqual({ P1: 11, P2: 0, P3: 0 });
    expect(await stocks((await listFor({ name: 'Off', warehouse_ids: [w1.id], is_active: false })).listId)).toEqual({ P1: 0, P2: 0 });
    const everything = await t.http
      .get(`/api/v1/stock-lists/${(await listFor({ name: 'All', warehouse_ids: [w1.id, w2.id], safety_stock: 100 })).listId}/stocks/`)
      .set(company.auth)
      .expect(200);
    expect(everything.body.results).toEqual([
      { sku: 'P1', product_id: products[0].id, quantity: 0, total_available: 22, modified_date: expect.stringMatching(/Z$/) },
      { sku: 'P2', product_id: products[1].id, quantity: 0, total_available: 3, modified_date: expect.any(String) },
      { sku: 'P3', product_id: products[2].id, quantity: 0, total_available: 4, modified_date: expect.any(String) },
    ]);
  });

  it("lowers at once when an order reserves stock, and follows a rule's change", async () => {
    const { ruleId, listId } = await listFor({ name: 'Two', warehouse_ids: [w2.id] });
    expect(await stocks(listId)).toEqual({ P1: 7, P3: 4 });
    // Everything so far changed an hour ago; only the order's reservation changes now.
    await t.sql.query(`update stock_levels set updated_at = now() - interval '1 hour' where company_id = $1`, [company.companyId]);
    await t.sql.query(`update products set updated_at = now() - interval '1 hour' where company_id = $1`, [company.companyId]);
    const before = new Date(Date.now() - 1000).toISOString();
    const customer = await createCustomer(t.http, company);
    await t.http
      .post('/api/v1/orders/')
      .set(company.auth)
      .send({ customer_id: customer.id, items: [{ product_id: products[2].id, quantity: 3, warehouse_id: w2.id }] })
      .expect(201);
    expect(await stocks(listId)).toEqual({ P1: 7, P3: 1 });
    expect(await stocks(listId, { modified_since: before })).toEqual({ P3: 1 });
    await t.http
      .patch(`/api/v1/stock-list-rules/${ruleId}/`)
      .set(company.auth)
      .send({ warehouse_ids: [w1.id, w2.id], safety_stock: 1 })
      .expect(200);
    expect(await stocks(listId)).toEqual({ P1: 21, P2: 2, P3: 0 });
  });

  it('filters by sku and modified_since, and pages by number and cursor', async () => {
    const { listId } = await listFor({ name: 'Paging', warehouse_ids: [w1.id, w2.id] });
    expect(await stocks(listId, { sku: 'p2' })).toEqual({ P2: 3 });
    expect(await stocks(listId, { modified_since: new Date(Date.now() + 60_000).toISOString() })).toEqual({});
    const first = await t.http.get(`/api/v1/stock-lists/${listId}/stocks/`).set(company.auth).query({ page_size: 2 }).expect(200);
    expect(first.body).toMatchObject({ count: 3, previous: null });
    expect(first.body.next).toContain('page=2');
    const seen: string[] = [];
    let url: string | null = `/api/v1/stock-lists/${listId}/stocks/?page_size=2&cursor=`;
    while (url) {
      const page: { body: { results: Stock[]; next: string | null } } = await t.http
        .get(url.replace(/^https?:\/\/[^/]+/, ''))
        .set(company.auth)
        .expect(200);
      seen.push(...page.body.results.map((s) => s.sku));
      url = page.body.next;
    }
    expect(seen).toEqual(['P1', 'P2', 'P3']);
    const bySku = await t.http.get(`/api/v1/stock-lists/${listId}/stocks/`).set(company.auth).query({ ordering: '-sku' }).expect(200);
    expect(bySku.body.results.map((s: Stock) => s.sku)).toEqual(['P3', 'P2', 'P1']);
  });

  it('counts the SKUs again as soon as a product gains or loses stock rows in the list', async () => {
    const { listId } = await listFor({ name: 'Counting', warehouse_ids: [w1.id] });
    const count = async () => (await t.http.get(`/api/v1/stock-lists/${listId}/stocks/`).set(company.auth).query({ page_size: 1 }).expect(200)).body.count;
    expect(await count()).toBe(2);
    expect(await count()).toBe(2);
    const added = await createProduct(t.http, company, { sku: 'P4' });
    const item = await createItem(t.http, company, { product_id: added.id, warehouse_id: w1.id, quantity: 1 });
    expect(await count()).toBe(3);
    // Removed by hand (no route deletes stock rows): the count follows a delete too.
    await t.sql.query('delete from stock_levels where id = $1', [item.id]);
    expect(await count()).toBe(2);
    // A stock row never changes what it is stock of, so a count over the same rows stays right.
    await expect(t.sql.query('update stock_levels set warehouse_id = $1 where product_id = $2', [w1.id, products[2].id])).rejects.toThrow(/keeps its product/);
  });

  it('counts only the stock types a rule names: a bin has a type, stock kept at warehouse level is standard', async () => {
    const w3 = await createWarehouse(t.http, company, { name: 'Three' });
    const bin = async (code: string, stock_type?: string) =>
      (await t.http.post('/api/v1/stock-locations/').set(company.auth).send({ name: code, code, provider: w3.id, stock_type }).expect(201)).body;
    const shelf = await bin('SHELF');
    const damaged = await bin('DMG', 'damaged');
    const returns = await bin('RET', 'returns');
    expect([shelf.stock_type, damaged.stock_type, returns.stock_type]).toEqual(['standard', 'damaged', 'returns']);
    const typed = await createProduct(t.http, company, { sku: 'TYPED' });
    for (const [location, quantity] of [
      [shelf.id, 8],
      [damaged.id, 5],
      [returns.id, 2],
      [undefined, 4],
    ] as Array<[number | undefined, number]>) {
      await createItem(t.http, company, { product_id: typed.id, warehouse_id: w3.id, location_id: location, quantity });
    }
    const cases: Array<[Record<string, unknown>, Record<string, number>]> = [
      [{}, { TYPED: 19 }],
      [{ stock_types: ['standard'] }, { TYPED: 12 }],
      [{ stock_types: ['damaged'] }, { TYPED: 5 }],
      [{ stock_types: ['standard', 'returns', 'standard'] }, { TYPED: 14 }],
      [{ stock_types: ['standard'], safety_stock: 3 }, { TYPED: 9 }],
      [{ stock_types: ['standard'], safety_stock_percent: 50 }, { TYPED: 6 }],
      [{ stock_types: ['standard'], location_ids: [shelf.id, damaged.id] }, { TYPED: 8 }],
      [{ stock_types: ['returns'], location_ids: [shelf.id] }, {}],
      [{ stock_types: ['quarantine'] }, {}],
      [{ stock_types: null }, { TYPED: 19 }],
    ];
    for (const [rule, expected] of cases) {
      const { listId } = await listFor({ name: 'Typed', warehouse_ids: [w3.id], ...rule });
      expect({ rule, stocks: await stocks(listId) }).toEqual({ rule, stocks: expected });
    }

    const { ruleId, listId } = await listFor({ name: 'Sellable only', warehouse_ids: [w3.id], stock_types: ['standard', 'standard'] });
    const rule = await t.http.get(`/api/v1/stock-list-rules/${ruleId}/`).set(company.auth).expect(200);
    expect(rule.body.stock_types).toEqual(['standard']);
    // A bin that changes type moves its stock in or out of the list at once.
    await t.http.patch(`/api/v1/stock-locations/${damaged.id}/`).set(company.auth).send({ stock_type: 'standard' }).expect(200);
    expect(await stocks(listId)).toEqual({ TYPED: 17 });
    const patched = await t.http
      .patch(`/api/v1/stock-list-rules/${ruleId}/`)
      .set(company.auth)
      .send({ stock_types: ['returns'] })
      .expect(200);
    expect(patched.body.stock_types).toEqual(['returns']);
    expect(await stocks(listId)).toEqual({ TYPED: 2 });
    await t.http.patch(`/api/v1/stock-list-rules/${ruleId}/`).set(company.auth).send({ stock_types: null }).expect(200);
    expect(await stocks(listId)).toEqual({ TYPED: 19 });

    // Document 000's stock rows carry their bin's type.
    const rows = await t.http.get('/api/v1/stocks/').set(company.auth).query({ provider: w3.id }).expect(200);
    expect(Object.fromEntries(rows.body.results.map((r: { location: number | null; stock_type: string }) => [r.location ?? 'none', r.stock_type]))).toEqual({
      [shelf.id]: 'standard',
      [damaged.id]: 'standard',
      [returns.id]: 'returns',
      none: 'standard',
    });
    const returnBins = await t.http.get('/api/v1/stock-locations/').set(company.auth).query({ provider: w3.id, stock_type: 'returns' }).expect(200);
    expect(returnBins.body.results.map((l: { code: string }) => l.code)).toEqual(['RET']);

    for (const body of [{ stock_type: 'Damaged' }, { stock_type: '' }, { stock_type: 'x'.repeat(33) }, { stock_type: 7 }]) {
      const res = await t.http.patch(`/api/v1/stock-locations/${shelf.id}/`).set(company.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const { rows: kept } = await t.sql.query('select stock_type from stock_locations where id = $1', [shelf.id]);
    expect(kept[0].stock_type).toBe('standard');
  });

  it('refuses invalid rules and lists, and bins outside the rule', async () => {
    const bad = [
      { name: 'x', warehouse_ids: [] },
      { name: 'x' },
      { name: '', warehouse_ids: [w1.id] },
      { name: 'x', warehouse_ids: [w1.id], safety_stock: -1 },
      { name: 'x', warehouse_ids: [w1.id], safety_stock_percent: 101 },
      { name: 'x', warehouse_ids: [w1.id], safety_stock_percent: 1.234 },
      { name: 'x', warehouse_ids: [w1.id], min_quantity_to_publish: 1.5 },
      { name: 'x', warehouse_ids: [w2.id], location_ids: [bin1] },
      { name: 'x', warehouse_ids: ['one'] },
      { name: 'x', warehouse_ids: [w1.id], stock_types: [] },
      { name: 'x', warehouse_ids: [w1.id], stock_types: 'standard' },
      { name: 'x', warehouse_ids: [w1.id], stock_types: ['Standard'] },
      { name: 'x', warehouse_ids: [w1.id], stock_types: [null] },
      { name: 'x', warehouse_ids: [w1.id], stock_types: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    ];
    for (const body of bad) {
      const res = await t.http.post('/api/v1/stock-list-rules/').set(company.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await t.http.post('/api/v1/stock-lists/').set(company.auth).send({ name: 'x', code: '', rule_id: 1 })).status).toBe(400);
    expect((await t.http.get('/api/v1/stock-list-rules/')).status).toBe(401);
    expect((await t.http.get('/api/v1/stock-lists/1/stocks/')).status).toBe(401);
  });

  it("answers 404 for another company's rules, lists, warehouses and bins, and counts none of them", async () => {
    const stranger = await registerCompany(t.http);
    const theirWarehouse = await createWarehouse(t.http, stranger);
    const theirBin = (
      await t.http.post('/api/v1/stock-locations/').set(stranger.auth).send({ name: 'Theirs', code: 'T1', provider: theirWarehouse.id }).expect(201)
    ).body.id;
    const { ruleId, listId } = await listFor({ name: 'Mine', warehouse_ids: [w1.id] });
    await expectForeignIdsNotFound(t.http, stranger, [
      ['get', `/api/v1/stock-list-rules/${ruleId}/`],
      ['patch', `/api/v1/stock-list-rules/${ruleId}/`, { name: 'theirs' }],
      ['delete', `/api/v1/stock-list-rules/${ruleId}/`],
      ['get', `/api/v1/stock-lists/${listId}/`],
      ['patch', `/api/v1/stock-lists/${listId}/`, { name: 'theirs' }],
      ['delete', `/api/v1/stock-lists/${listId}/`],
      ['get', `/api/v1/stock-lists/${listId}/stocks/`],
      ['post', '/api/v1/stock-lists/', { name: 'theirs', code: 'THEIRS', rule_id: ruleId }],
    ]);
    await expectForeignIdsNotFound(t.http, company, [
      ['post', '/api/v1/stock-list-rules/', { name: 'x', warehouse_ids: [w1.id, theirWarehouse.id] }],
      ['post', '/api/v1/stock-list-rules/', { name: 'x', warehouse_ids: [w1.id], location_ids: [theirBin] }],
      ['patch', `/api/v1/stock-list-rules/${ruleId}/`, { warehouse_ids: [theirWarehouse.id] }],
    ]);
    const { rows } = await t.sql.query('select name, warehouse_ids from stock_list_rules where id = $1', [ruleId]);
    expect(rows[0]).toEqual({ name: 'Mine', warehouse_ids: [w1.id] });
    const theirs = await t.http.get('/api/v1/stock-lists/').set(stranger.auth).expect(200);
    expect(theirs.body.count).toBe(0);
  });
});
