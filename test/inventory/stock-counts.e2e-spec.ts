import type { Tenant } from '../support/factories';
import { addMember, createItem, createProduct, createRole, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const COUNTS = '/api/v1/stock-counts';

describe('stock counts', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a);
  });
  afterAll(() => t.close());

  it('drafts, reads, edits and applies a count once, booking count movements', async () => {
    const p1 = await createProduct(t.http, a, { sku: 'CNT-1' });
    const p2 = await createProduct(t.http, a, { sku: 'CNT-2' });
    const item1 = await createItem(t.http, a, { product_id: p1.id, warehouse_id: w.id, quantity: 10 });
    const created = await t.http
      .post(`${COUNTS}/`)
      .set(a.auth)
      .send({
        name: 'Cycle count',
        lines: [
          { sku: 'CNT-1', warehouse_id: w.id, quantity: 7, expected_quantity: 10 },
          { sku: 'CNT-2', warehouse_id: w.id, quantity: 4 },
        ],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Cycle count',
      status: 'draft',
      line_count: 2,
      lines: [
        { line_no: 1, sku: 'CNT-1', product_id: p1.id, warehouse_id: w.id, location_id: null, quantity: 7, expected_quantity: 10 },
        { line_no: 2, sku: 'CNT-2', product_id: p2.id, warehouse_id: w.id, location_id: null, quantity: 4, expected_quantity: null },
      ],
      applied_at: null,
    });
    const id = created.body.id;
    expect((await t.http.get(`${COUNTS}/${id}/`).set(a.auth)).body).toEqual(created.body);
    expect((await t.http.patch(`${COUNTS}/${id}/`).set(a.auth).send({ note: 'Aisle 3' })).body.note).toBe('Aisle 3');
    expect((await t.http.get(`${COUNTS}/`).set(a.auth)).body.results[0].id).toBe(id);

    const applied = await t.http.post(`${COUNTS}/${id}/apply/`).set(a.auth).send({});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', applied_by: a.userId, applied_at: expect.stringMatching(/Z$/) });
    const levels = await t.sql.query('select product_id, on_hand from stock_levels where warehouse_id = $1 and product_id = any($2) order by product_id', [
      w.id,
      [p1.id, p2.id],
    ]);
    expect(levels.rows).toEqual([
      { product_id: p1.id, on_hand: 7 },
      { product_id: p2.id, on_hand: 4 },
    ]);
    const moves = await t.sql.query(`select quantity_delta from stock_movements where reference = $1 order by product_id`, [`count:${id}`]);
    expect(moves.rows.map((r) => r.quantity_delta)).toEqual([-3, 4]);

    const again = await t.http.post(`${COUNTS}/${id}/apply/`).set(a.auth).send({});
    expect(again.status).toBe(409);
    expect((await t.http.patch(`${COUNTS}/${id}/`).set(a.auth).send({ note: 'late' })).status).toBe(409);
    expect((await t.http.delete(`${COUNTS}/${id}/`).set(a.auth)).status).toBe(409);
    expect(item1.id).toBeGreaterThan(0);
  });

  it('applies exactly once when two applies race', async () => {
    const p = await createProduct(t.http, a);
    await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 1 });
    const id = (
      await t.http
        .post(`${COUNTS}/`)
        .set(a.auth)
        .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 9 }] })
    ).body.id;
    const results = await Promise.all([0, 1].map(() => t.http.post(`${COUNTS}/${id}/apply/`).set(a.auth).send({})));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const { rows } = await t.sql.query(`select count(*)::int as n from stock_movements where reference = $1`, [`count:${id}`]);
    expect(rows[0].n).toBe(1);
  });

  it('fails the whole apply when an expected quantity is stale, listing the lines', async () => {
    const p1 = await createProduct(t.http, a);
    const p2 = await createProduct(t.http, a);
    const i1 = await createItem(t.http, a, { product_id: p1.id, warehouse_id: w.id, quantity: 5 });
    await createItem(t.http, a, { product_id: p2.id, warehouse_id: w.id, quantity: 5 });
    const id = (
      await t.http
        .post(`${COUNTS}/`)
        .set(a.auth)
        .send({
          lines: [
            { sku: p1.sku, warehouse_id: w.id, quantity: 1, expected_quantity: 5 },
            { sku: p2.sku, warehouse_id: w.id, quantity: 1, expected_quantity: 5 },
          ],
        })
    ).body.id;
    // Stock moves after the feed was read.
    await t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ item_id: i1.id, delta: 2, reason: 'received' });
    const res = await t.http.post(`${COUNTS}/${id}/apply/`).set(a.auth).send({});
    expect(res.status).toBe(409);
    expect(res.body['lines[0]']).toEqual([`${p1.sku}: expected 5, current 7.`]);
    expect(res.body['lines[1]']).toBeUndefined();
    const { rows } = await t.sql.query('select on_hand from stock_levels where product_id = any($1) order by product_id', [[p1.id, p2.id]]);
    expect(rows.map((r) => r.on_hand)).toEqual([7, 5]);
    expect((await t.http.get(`${COUNTS}/${id}/`).set(a.auth)).body.status).toBe('draft');
  });

  it('reports every bad line at once', async () => {
    const p = await createProduct(t.http, a);
    const res = await t.http
      .post(`${COUNTS}/`)
      .set(a.auth)
      .send({
        lines: [
          { sku: 'NOPE', warehouse_id: w.id, quantity: 1 },
          { sku: p.sku, warehouse_id: 999999, quantity: 1 },
          { sku: p.sku, warehouse_id: w.id, quantity: 1 },
          { sku: p.sku, warehouse_id: w.id, quantity: 2 },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body['lines[0]']).toEqual(['Unknown SKU "NOPE".']);
    expect(res.body['lines[1]']).toEqual(['Unknown warehouse 999999.']);
    expect(res.body['lines[2]']).toBeUndefined();
    expect(res.body['lines[3]']).toEqual(['The same product and place appear on an earlier line.']);
    const shape = await t.http
      .post(`${COUNTS}/`)
      .set(a.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: -1 }, { warehouse_id: 'x' }] });
    expect(shape.body['lines[0].quantity']).toEqual(['Ensure this value is greater than or equal to 0.']);
    expect(shape.body['lines[1].sku']).toEqual(['This field is required.']);
    expect((await t.http.post(`${COUNTS}/`).set(a.auth).send({ lines: [] })).status).toBe(400);
  });

  it('deletes drafts; viewers read only; credentials needed', async () => {
    const p = await createProduct(t.http, a);
    const id = (
      await t.http
        .post(`${COUNTS}/`)
        .set(a.auth)
        .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 1 }] })
    ).body.id;
    const viewer = await addMember(t.http, a);
    expect((await t.http.get(`${COUNTS}/${id}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.post(`${COUNTS}/${id}/apply/`).set(viewer.auth).send({})).status).toBe(403);
    expect((await t.http.delete(`${COUNTS}/${id}/`).set(a.auth)).status).toBe(204);
    expect((await t.http.get(`${COUNTS}/${id}/`).set(a.auth)).status).toBe(404);
    expect((await t.http.get(`${COUNTS}/`)).status).toBe(401);
  });

  it('answers 404 to another company on every verb and changes nothing', async () => {
    const p = await createProduct(t.http, a);
    const id = (
      await t.http
        .post(`${COUNTS}/`)
        .set(a.auth)
        .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 3 }] })
    ).body.id;
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${COUNTS}/${id}/`],
      ['patch', `${COUNTS}/${id}/`, { note: 'x' }],
      ['delete', `${COUNTS}/${id}/`],
      ['post', `${COUNTS}/${id}/apply/`, {}],
    ]);
    const own = await t.http
      .post(`${COUNTS}/`)
      .set(b.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 3 }] });
    expect(own.status).toBe(400);
    const { rows } = await t.sql.query('select status from stock_counts where id = $1', [id]);
    expect(rows[0].status).toBe('draft');
  });

  it('applies warehouse scope to every line of every write: a user scoped to one warehouse cannot draft for another', async () => {
    const mine = await createWarehouse(t.http, a);
    const theirs = await createWarehouse(t.http, a);
    const p = await createProduct(t.http, a);
    const role = await createRole(t.http, a, ['inventory.read', 'inventory.write']);
    const scoped = await addMember(t.http, a, { role: 'viewer' });
    const assigned = await t.http
      .put(`/api/v1/accounts/team/${scoped.userId}/roles/`)
      .set(a.auth)
      .send({ roles: [{ warehouse_id: mine.id, role_id: role.id, is_primary: true }] });
    expect(assigned.status).toBe(200);

    const own = await t.http
      .post(`${COUNTS}/`)
      .set(scoped.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: mine.id, quantity: 1 }] });
    expect(own.status).toBe(201);
    const foreign = await t.http
      .post(`${COUNTS}/`)
      .set(scoped.auth)
      .send({
        lines: [
          { sku: p.sku, warehouse_id: mine.id, quantity: 1 },
          { sku: p.sku, warehouse_id: theirs.id, quantity: 1 },
        ],
      });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details).toEqual({ permission: 'inventory.write', warehouse_id: theirs.id });

    const moved = await t.http
      .patch(`${COUNTS}/${own.body.id}/`)
      .set(scoped.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: theirs.id, quantity: 1 }] });
    expect(moved.status).toBe(403);
    // A draft an admin made in the other warehouse can be neither edited nor deleted by the scoped user.
    const adminDraft = await t.http
      .post(`${COUNTS}/`)
      .set(a.auth)
      .send({ lines: [{ sku: p.sku, warehouse_id: theirs.id, quantity: 3 }] });
    expect((await t.http.patch(`${COUNTS}/${adminDraft.body.id}/`).set(scoped.auth).send({ name: 'mine now' })).status).toBe(403);
    expect((await t.http.delete(`${COUNTS}/${adminDraft.body.id}/`).set(scoped.auth)).status).toBe(403);
    const { rows } = await t.sql.query('select warehouse_id from stock_count_lines where stock_count_id = $1', [own.body.id]);
    expect(rows).toEqual([{ warehouse_id: mine.id }]);
    expect((await t.http.get(`${COUNTS}/${adminDraft.body.id}/`).set(a.auth)).body.name).not.toBe('mine now');
  });
});
