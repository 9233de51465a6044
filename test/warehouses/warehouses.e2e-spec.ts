import type { Tenant } from '../support/factories';
import { createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const BASE = '/api/v1/masterdata/warehouses';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('warehouses', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  describe('POST', () => {
    it('creates a warehouse and answers {warehouse, message} with every field', async () => {
      const body = {
        code: 'WH-001',
        name: 'Main Warehouse',
        description: 'Primary distribution center',
        address_line1: '123 Warehouse St',
        address_line2: 'Building A',
        city: 'New York',
        state: 'NY',
        postal_code: '10001',
        country: 'USA',
        time_zone: 'America/New_York',
        latitude: '40.7128',
        longitude: -74.006,
        type: 'main',
        is_active: true,
        allow_negative_stock: false,
        uses_bins: true,
      };
      const res = await t.http.post(`${BASE}/`).set(a.auth).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        warehouse: {
          ...body,
          id: expect.any(Number),
          company_id: a.companyId,
          latitude: '40.712800',
          longitude: '-74.006000',
          location: '',
          capacity: null,
          created_at: expect.stringMatching(ISO),
          updated_at: expect.stringMatching(ISO),
        },
        message: 'Warehouse created successfully.',
      });
      const { rows } = await t.sql.query('select company_id, code, latitude from warehouses where id = $1', [res.body.warehouse.id]);
      expect(rows[0]).toEqual({ company_id: a.companyId, code: 'WH-001', latitude: '40.712800' });
    });

    it('fills in defaults for the optional fields', async () => {
      const res = await t.http.post(`${BASE}/`).set(a.auth).send({ code: 'MIN-1', name: 'Minimal' });
      expect(res.status).toBe(201);
      expect(res.body.warehouse).toMatchObject({
        description: '',
        type: 'main',
        is_active: true,
        allow_negative_stock: false,
        uses_bins: false,
        latitude: null,
        longitude: null,
      });
    });

    it('rejects a duplicate code in the same company with 400, but not in another company', async () => {
      await createWarehouse(t.http, a, { code: 'DUP-1' });
      const dup = await t.http.post(`${BASE}/`).set(a.auth).send({ code: 'DUP-1', name: 'Again' });
      expect(dup.status).toBe(400);
      expect(dup.body.code).toEqual(['A warehouse with this code already exists in your company.']);

      const b = await registerCompany(t.http);
      const elsewhere = await t.http.post(`${BASE}/`).set(b.auth).send({ code: 'DUP-1', name: 'Theirs' });
      expect(elsewhere.status).toBe(201);
    });

    it('reports each invalid field', async () => {
      const res = await t.http
        .post(`${BASE}/`)
        .set(a.auth)
        .send({ code: 'bad code!', type: 'warehouse', latitude: '95', longitude: 'east', capacity: -1, is_active: 'yes', color: 'red' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        name: ['This field is required.'],
        code: ['Use letters, digits and . _ - / only, starting with a letter or digit.'],
        type: ['"warehouse" is not a valid choice.'],
        latitude: ['Enter a valid latitude between -90 and 90.'],
        longitude: ['Enter a valid longitude between -180 and 180.'],
        capacity: ['Ensure this value is greater than or equal to 0.'],
        is_active: ['Must be a valid boolean.'],
        color: ['This field is not allowed.'],
      });
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    });

    it('needs credentials', async () => {
      expect((await t.http.post(`${BASE}/`).send({ code: 'X', name: 'X' })).status).toBe(401);
    });
  });

  describe('003 path warehouses/', () => {
    it("accepts 003's body, generates WH-NNN codes and skips taken ones", async () => {
      const c = await registerCompany(t.http);
      const first = await t.http
        .post('/api/warehouses/')
        .set(c.auth)
        .send({ name: 'East Coast Warehouse', location: '456 Industrial Blvd, Boston, MA 02101', capacity: 5000, is_active: true });
      expect(first.status).toBe(201);
      expect(first.body.warehouse).toMatchObject({
        code: 'WH-001',
        name: 'East Coast Warehouse',
        location: '456 Industrial Blvd, Boston, MA 02101',
        capacity: 5000,
        is_active: true,
      });
      await createWarehouse(t.http, c, { code: 'WH-003' });
      const second = await t.http.post('/api/warehouses/').set(c.auth).send({ name: 'Second' });
      expect(second.body.warehouse.code).toBe('WH-004');

      const list = await t.http.get('/api/warehouses/').set(c.auth);
      expect(list.status).toBe(200);
      expect(list.body.results.map((w: { code: string }) => w.code)).toEqual(['WH-001', 'WH-003', 'WH-004']);

      const one = await t.http.get(`/api/warehouses/${first.body.warehouse.id}/`).set(c.auth);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(first.body.warehouse.id);

      // The same replace and delete as under masterdata/.
      const replaced = await t.http.put(`/api/v1/warehouses/${second.body.warehouse.id}/`).set(c.auth).send({ code: 'WH-REPL', name: 'Replaced' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ id: second.body.warehouse.id, code: 'WH-REPL', name: 'Replaced' });
      expect((await t.http.delete(`/api/v1/warehouses/${second.body.warehouse.id}/`).set(c.auth)).status).toBe(204);
      expect((await t.sql.query('select count(*)::int as n from warehouses where id = $1', [second.body.warehouse.id])).rows[0].n).toBe(0);
    });

    it('generates distinct codes for concurrent creates', async () => {
      const c = await registerCompany(t.http);
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) =>
          t.http
            .post('/api/warehouses/')
            .set(c.auth)
            .send({ name: `W${i}` }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.warehouse.code)).size).toBe(4);
    });
  });

  describe('GET list', () => {
    let c: Tenant;
    beforeAll(async () => {
      c = await registerCompany(t.http);
      for (let i = 1; i <= 25; i++) {
        await createWarehouse(t.http, c, {
          code: `L-${String(i).padStart(2, '0')}`,
          name: `Store ${String.fromCharCode(96 + ((i * 7) % 26) + 1)}`,
          is_active: i % 5 !== 0,
        });
      }
    });

    it('pages 20 at a time with absolute next/previous links', async () => {
      const first = await t.http.get(`${BASE}/`).set(c.auth);
      expect(first.status).toBe(200);
      expect(first.body.count).toBe(25);
      expect(first.body.results).toHaveLength(20);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/masterdata\/warehouses\/\?page=2$/);

      const second = await t.http.get(`${BASE}/?page=2`).set(c.auth);
      expect(second.body.results).toHaveLength(5);
      expect(second.body.next).toBeNull();
      expect(second.body.previous).toMatch(/\/api\/v1\/masterdata\/warehouses\/$/);
      const ids = [...first.body.results, ...second.body.results].map((w: { id: number }) => w.id);
      expect(new Set(ids).size).toBe(25);
    });

    it('honours page_size, clamps it to 100 and keeps other parameters in links', async () => {
      const small = await t.http.get(`${BASE}/?page_size=10&ordering=code`).set(c.auth);
      expect(small.body.results).toHaveLength(10);
      expect(small.body.next).toMatch(/\?page_size=10&ordering=code&page=2$/);
      const huge = await t.http.get(`${BASE}/?page_size=1000`).set(c.auth);
      expect(huge.status).toBe(200);
      expect(huge.body.results).toHaveLength(25);
    });

    it('orders by whitelisted fields and refuses others', async () => {
      const desc = await t.http.get(`${BASE}/?ordering=-code&page_size=3`).set(c.auth);
      expect(desc.body.results.map((w: { code: string }) => w.code)).toEqual(['L-25', 'L-24', 'L-23']);
      const byName = await t.http.get(`${BASE}/?ordering=name,-code&page_size=100`).set(c.auth);
      const names = byName.body.results.map((w: { name: string }) => w.name);
      expect(names).toEqual([...names].sort());
      const bad = await t.http.get(`${BASE}/?ordering=password`).set(c.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.ordering[0]).toMatch(/^Invalid ordering field "password"/);
    });

    it('filters by is_active and search', async () => {
      const inactive = await t.http.get(`${BASE}/?is_active=false`).set(c.auth);
      expect(inactive.body.count).toBe(5);
      const search = await t.http.get(`${BASE}/?search=l-1`).set(c.auth);
      expect(search.body.results.map((w: { code: string }) => w.code).sort()).toEqual([
        'L-10',
        'L-11',
        'L-12',
        'L-13',
        'L-14',
        'L-15',
        'L-16',
        'L-17',
        'L-18',
        'L-19',
      ]);
      const percent = await t.http.get(`${BASE}/?search=%25`).set(c.auth);
      expect(percent.body.count).toBe(0);
    });

    it('answers 400 for bad paging and filter values', async () => {
      for (const query of ['page=0', 'page=abc', 'page_size=0', 'is_active=maybe', 'type=castle']) {
        const res = await t.http.get(`${BASE}/?${query}`).set(c.auth);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
      }
    });

    it('ignores a cache-buster (_) but refuses other unknown query parameters', async () => {
      expect((await t.http.get(`${BASE}/?_=123`).set(c.auth)).status).toBe(200);
      const unknown = await t.http.get(`${BASE}/?colour=red`).set(c.auth);
      expect(unknown.status).toBe(400);
      expect(unknown.body.colour[0]).toMatch(/^Unknown query parameter "colour"\. Accepted: /);
    });

    it('needs credentials', async () => {
      expect((await t.http.get(`${BASE}/`)).status).toBe(401);
    });
  });

  describe('detail, PUT, PATCH, DELETE', () => {
    it('reads one warehouse', async () => {
      const w = await createWarehouse(t.http, a);
      const res = await t.http.get(`${BASE}/${w.id}/`).set(a.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(w);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      for (const id of ['999999', 'abc', '0', '-1', '99999999999', '1.5']) {
        const res = await t.http.get(`${BASE}/${id}/`).set(a.auth);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
    });

    it('PUT replaces the fields it is given and requires code and name', async () => {
      const w = await createWarehouse(t.http, a, { city: 'Boston' });
      const missing = await t.http.put(`${BASE}/${w.id}/`).set(a.auth).send({ city: 'Chicago' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toEqual(['This field is required.']);
      expect(missing.body.name).toEqual(['This field is required.']);

      const res = await t.http.put(`${BASE}/${w.id}/`).set(a.auth).send({ code: w.code, name: 'Renamed', city: 'Chicago', type: 'store' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.id, code: w.code, name: 'Renamed', city: 'Chicago', type: 'store' });
    });

    it('PATCH changes only the given fields', async () => {
      const w = await createWarehouse(t.http, a, { city: 'Boston', description: 'keep me' });
      await new Promise((r) => setTimeout(r, 1100));
      const res = await t.http
        .patch(`${BASE}/${w.id}/`)
        .set(a.auth)
        .send({ name: 'Updated Warehouse Name', city: 'Los Angeles', is_active: false, latitude: 12.3456789 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Updated Warehouse Name',
        city: 'Los Angeles',
        is_active: false,
        description: 'keep me',
        latitude: '12.345679',
        code: w.code,
      });
      expect(res.body.updated_at > (w.updated_at as string)).toBe(true);
    });

    it('PATCH refuses a code another warehouse of the company has', async () => {
      const w1 = await createWarehouse(t.http, a);
      const w2 = await createWarehouse(t.http, a);
      const res = await t.http.patch(`${BASE}/${w2.id}/`).set(a.auth).send({ code: w1.code });
      expect(res.status).toBe(400);
      expect(res.body.code).toEqual(['A warehouse with this code already exists in your company.']);
      expect((await t.http.patch(`${BASE}/${w2.id}/`).set(a.auth).send({ code: w2.code })).status).toBe(200);
    });

    it('PATCH validates like POST', async () => {
      const w = await createWarehouse(t.http, a);
      const res = await t.http.patch(`${BASE}/${w.id}/`).set(a.auth).send({ name: '', company_id: 99 });
      expect(res.status).toBe(400);
      expect(res.body.name).toEqual(['This field may not be blank.']);
      expect(res.body.company_id).toEqual(['This field is not allowed.']);
    });

    it('DELETE answers 204 and removes the row', async () => {
      const w = await createWarehouse(t.http, a);
      const res = await t.http.delete(`${BASE}/${w.id}/`).set(a.auth);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await t.http.get(`${BASE}/${w.id}/`).set(a.auth)).status).toBe(404);
      const { rows } = await t.sql.query('select count(*)::int as n from warehouses where id = $1', [w.id]);
      expect(rows[0].n).toBe(0);
    });

    it('needs credentials on every verb', async () => {
      const w = await createWarehouse(t.http, a);
      expect((await t.http.get(`${BASE}/${w.id}/`)).status).toBe(401);
      expect((await t.http.put(`${BASE}/${w.id}/`).send({ code: 'X', name: 'X' })).status).toBe(401);
      expect((await t.http.patch(`${BASE}/${w.id}/`).send({ name: 'X' })).status).toBe(401);
      expect((await t.http.delete(`${BASE}/${w.id}/`)).status).toBe(401);
    });
  });

  describe('company isolation', () => {
    it('answers 404 to another company on every verb and changes nothing', async () => {
      const owner = await registerCompany(t.http);
      const intruder = await registerCompany(t.http);
      const w = await createWarehouse(t.http, owner, { name: 'Secret', city: 'Paris' });
      const before = (await t.sql.query('select * from warehouses where id = $1', [w.id])).rows[0];

      const attempts = [
        t.http.get(`${BASE}/${w.id}/`).set(intruder.auth),
        t.http.get(`/api/warehouses/${w.id}/`).set(intruder.auth),
        t.http.put(`${BASE}/${w.id}/`).set(intruder.auth).send({ code: 'HACK', name: 'Hacked' }),
        t.http.patch(`${BASE}/${w.id}/`).set(intruder.auth).send({ name: 'Hacked' }),
        t.http.delete(`${BASE}/${w.id}/`).set(intruder.auth),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(JSON.stringify(res.body)).not.toContain('Secret');
      }
      const after = (await t.sql.query('select * from warehouses where id = $1', [w.id])).rows[0];
      expect(after).toEqual(before);

      const list = await t.http.get(`${BASE}/?page_size=100&search=Secret`).set(intruder.auth);
      expect(list.body.count).toBe(0);
    });

    it('lets two companies use the same code without seeing each other', async () => {
      const x = await registerCompany(t.http);
      const y = await registerCompany(t.http);
      await createWarehouse(t.http, x, { code: 'SHARED' });
      await createWarehouse(t.http, y, { code: 'SHARED' });
      const listX = await t.http.get(`${BASE}/`).set(x.auth);
      expect(listX.body.count).toBe(1);
      expect(listX.body.results[0].company_id).toBe(x.companyId);
    });
  });
});
