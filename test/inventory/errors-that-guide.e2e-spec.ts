import type { Tenant } from '../support/factories';
import { addMember, createProduct, createRole, createWarehouse, registerCompany, importFinished } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** Refusals that say what to fix: which bin, how much is there, which rule, which permission. */
describe('errors that say what to fix', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  const finished = (id: number, who: Tenant) => importFinished(t.http, who, id);

  it('names the bins when a transfer names none and the stock is in bins', async () => {
    const from = await createWarehouse(t.http, a, { code: 'BINNED' });
    const to = await createWarehouse(t.http, a);
    const bin = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'Shelf', code: 'SH-1', provider: from.id })).body;
    const p = await createProduct(t.http, a);
    await t.http
      .post('/api/v1/inventory/adjustments/')
      .set(a.auth)
      .send({ product_id: p.id, warehouse_id: from.id, location_id: bin.id, delta: 8, reason: 'received' });
    const res = await t.http
      .post('/api/v1/inventory/transfer/')
      .set(a.auth)
      .send({ product_id: p.id, from_warehouse_id: from.id, to_warehouse_id: to.id, quantity: 2 });
    expect(res.status).toBe(400);
    expect(res.body.from_location_id[0]).toBe(
      `This warehouse keeps the product in bins; name the bin to move from: SH-1 (from_location_id ${bin.id}, 8 available).`,
    );
  });

  it('says how much is available when a change takes more', async () => {
    const w = await createWarehouse(t.http, a);
    const p = await createProduct(t.http, a);
    const item = (await t.http.post('/api/v1/inventory/items/').set(a.auth).send({ product_id: p.id, warehouse_id: w.id, quantity: 5 })).body;
    const res = await t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ item_id: item.id, delta: -7, reason: 'damaged' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Not enough stock available for this change: 5 available (5 on hand, 0 reserved), and the change takes 7.');
  });

  it('reports every password rule and every other field problem of a sign-up at once', async () => {
    const res = await t.http
      .post('/api/v1/accounts/auth/register/')
      .send({ company_name: 'Rules Co', username: 'rules-user', email: 'not-an-email', password: '1234', password_confirm: '1234' });
    expect(res.status).toBe(400);
    expect(res.body.email).toEqual(['Enter a valid email address.']);
    expect(res.body.password).toEqual(
      expect.arrayContaining(['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.']),
    );
  });

  it('refuses stock without a bin in a warehouse that uses bins, naming the field', async () => {
    const w = await createWarehouse(t.http, a, { uses_bins: true });
    const p = await createProduct(t.http, a);
    const item = await t.http.post('/api/v1/inventory/items/').set(a.auth).send({ product_id: p.id, warehouse_id: w.id, quantity: 3 });
    expect(item.status).toBe(400);
    expect(item.body.location_id[0]).toMatch(/keeps its stock in bins: give location_id\./);
    const adjust = await t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ product_id: p.id, warehouse_id: w.id, delta: 3, reason: 'received' });
    expect(adjust.status).toBe(400);
    expect(Object.keys(adjust.body)).toContain('location_id');
    const count = await t.http
      .post('/api/v1/stock-counts/')
      .set(a.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 3 }] });
    expect(count.status).toBe(400);
    expect(count.body['lines[0]']).toEqual([`Warehouse ${w.id} keeps its stock in bins: give location_id.`]);
    expect((await t.sql.query('select count(*)::int as n from stock_levels where product_id = $1', [p.id])).rows[0].n).toBe(0);

    const bin = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'Bay', code: 'BAY-1', provider: w.id })).body;
    expect(
      (await t.http.post('/api/v1/inventory/items/').set(a.auth).send({ product_id: p.id, warehouse_id: w.id, location_id: bin.id, quantity: 3 })).status,
    ).toBe(201);

    const upload = await t.http
      .post('/api/v1/inventory/bulk-import/')
      .set(a.auth)
      .attach('file', Buffer.from(`sku,warehouse_id,location_code,quantity\n${p.sku},${w.id},,4\n${p.sku},${w.id},BAY-1,6\n`), 'bins.csv');
    const job = await finished(upload.body.id, a);
    expect(job.errors).toEqual([{ line: 2, column: 'location_code', message: 'This warehouse keeps its stock in bins; give location_code.' }]);
    expect(job.processed_rows).toBe(1);
  });

  it('imports for a user scoped to some warehouses, refusing the other rows by line, and says which permission a 403 lacked', async () => {
    const mine = await createWarehouse(t.http, a, { code: 'MINE' });
    const theirs = await createWarehouse(t.http, a, { code: 'THEIRS' });
    const p = await createProduct(t.http, a);
    const role = await createRole(t.http, a, ['inventory.read', 'inventory.write']);
    const clerk = await addMember(t.http, a, { role: 'viewer' });
    await t.http
      .put(`/api/v1/accounts/team/${clerk.userId}/roles/`)
      .set(a.auth)
      .send({ roles: [{ warehouse_id: mine.id, role_id: role.id, is_primary: true }] });

    const upload = await t.http
      .post('/api/v1/inventory/bulk-import/')
      .set(clerk.auth)
      .attach('file', Buffer.from(`sku,warehouse_code,quantity\n${p.sku},MINE,5\n${p.sku},THEIRS,9\n`), 'scoped.csv');
    expect(upload.status).toBe(202);
    const job = await finished(upload.body.id, clerk);
    expect(job).toMatchObject({ status: 'completed', processed_rows: 1, error_count: 1 });
    expect(job.errors).toEqual([{ line: 3, column: 'warehouse_code', message: 'You may not change stock in this warehouse.' }]);
    const { rows } = await t.sql.query('select warehouse_id, on_hand from stock_levels where product_id = $1', [p.id]);
    expect(rows).toEqual([{ warehouse_id: mine.id, on_hand: 5 }]);

    const adjust = await t.http
      .post('/api/v1/inventory/adjustments/')
      .set(clerk.auth)
      .send({ product_id: p.id, warehouse_id: theirs.id, delta: 1, reason: 'found' });
    expect(adjust.status).toBe(403);
    expect(adjust.body.error.details).toEqual({ permission: 'inventory.write', warehouse_id: theirs.id });
    const company = await t.http.post('/api/v1/products/').set(clerk.auth).send({ name: 'Not allowed' });
    expect(company.status).toBe(403);
    expect(company.body.error.details).toEqual({ permission: 'products.write' });
  });
});
