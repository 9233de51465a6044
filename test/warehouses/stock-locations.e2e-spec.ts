import type { Tenant } from '../support/factories';
import { addMember, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const BASE = '/api/v1/stock-locations';

describe('stock locations (000)', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a);
  });
  afterAll(() => t.close());

  it("creates a location in Whippy Ware's shape and lists it under its warehouse", async () => {
    const res = await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Aisle 1', code: 'A1', provider: w.id });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Aisle 1',
      code: 'A1',
      provider: w.id,
      stock_type: 'standard',
      is_active: true,
      created_date: expect.stringMatching(/Z$/),
      modified_date: expect.stringMatching(/Z$/),
    });
    const nested = await t.http
      .post(`/api/v1/masterdata/warehouses/${w.id}/locations/`)
      .set(a.auth)
      .send({ name: 'Aisle 2', code: 'A2', stock_type: 'returns' });
    expect(nested.status).toBe(201);
    expect(nested.body).toMatchObject({ provider: w.id, stock_type: 'returns' });
    const list = await t.http.get(`/api/v1/masterdata/warehouses/${w.id}/locations/`).set(a.auth);
    expect(list.body.results.map((l: { code: string }) => l.code)).toEqual(['A1', 'A2']);
    expect((await t.http.get(`${BASE}/?provider=${w.id}&code=A2`).set(a.auth)).body.count).toBe(1);
  });

  it('keeps codes unique per warehouse only', async () => {
    await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Dock', code: 'DOCK', provider: w.id });
    const dup = await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Dock 2', code: 'DOCK', provider: w.id });
    expect(dup.status).toBe(400);
    expect(dup.body.code).toEqual(['A location with this code already exists in this warehouse.']);
    const other = await createWarehouse(t.http, a);
    expect((await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Dock', code: 'DOCK', provider: other.id })).status).toBe(201);
  });

  it('validates, updates and deletes', async () => {
    const bad = await t.http.post(`${BASE}/`).set(a.auth).send({ code: 'x y' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: ['This field is required.'], provider: ['This field is required.'] });
    const loc = (await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Temp', code: 'TMP', provider: w.id })).body;
    const patched = await t.http.patch(`${BASE}/${loc.id}/`).set(a.auth).send({ name: 'Temporary', is_active: false });
    expect(patched.body).toMatchObject({ name: 'Temporary', is_active: false, code: 'TMP' });
    expect((await t.http.patch(`${BASE}/${loc.id}/`).set(a.auth).send({ provider: 9 })).status).toBe(400);
    expect((await t.http.delete(`${BASE}/${loc.id}/`).set(a.auth)).status).toBe(204);
    expect((await t.http.get(`${BASE}/${loc.id}/`).set(a.auth)).status).toBe(404);
  });

  it('refuses to delete a location holding stock (409)', async () => {
    const loc = (await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Full', code: 'FULL', provider: w.id })).body;
    const p = await createProduct(t.http, a);
    await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, location_id: loc.id, quantity: 5 });
    expect((await t.http.delete(`${BASE}/${loc.id}/`).set(a.auth)).status).toBe(409);
    expect((await t.http.delete(`/api/v1/masterdata/warehouses/${w.id}/`).set(a.auth)).status).toBe(409);
  });

  it('keeps operators from managing locations', async () => {
    const operator = await addMember(t.http, a, { role: 'operator' });
    expect((await t.http.get(`${BASE}/`).set(operator.auth)).status).toBe(200);
    expect((await t.http.post(`${BASE}/`).set(operator.auth).send({ name: 'x', code: 'X', provider: w.id })).status).toBe(403);
    expect((await t.http.get(`${BASE}/`)).status).toBe(401);
  });

  it("answers 404 to another company's locations and warehouses", async () => {
    const loc = (await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Mine', code: 'MINE', provider: w.id })).body;
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${BASE}/${loc.id}/`],
      ['patch', `${BASE}/${loc.id}/`, { name: 'Hacked' }],
      ['delete', `${BASE}/${loc.id}/`],
      ['post', `${BASE}/`, { name: 'Sneak', code: 'S', provider: w.id }],
      ['get', `/api/v1/masterdata/warehouses/${w.id}/locations/`],
      ['post', `/api/v1/masterdata/warehouses/${w.id}/locations/`, { name: 'Sneak', code: 'S' }],
      ['get', `${BASE}/?provider=${w.id}`],
    ]);
    const { rows } = await t.sql.query('select name from stock_locations where id = $1', [loc.id]);
    expect(rows[0].name).toBe('Mine');
  });
});
