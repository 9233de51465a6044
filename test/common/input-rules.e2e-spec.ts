import type { Tenant } from '../support/factories';
import { createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const PROFILE = '/api/v1/accounts/auth/profile/';
const PRODUCTS = '/api/v1/products';
const ITEMS = '/api/v1/inventory/items';

/** Hostile input gets a 400 naming the field and leaves the data as it was; never a 500. */
describe('input rules every field follows', () => {
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  describe('null is a value only where the document says the field is nullable', () => {
    it.each([
      ['PATCH', '/api/v1/auth/user/', { email: null }, 'email'],
      ['PATCH', PROFILE, { time_zone: null }, 'time_zone'],
      ['PATCH', PROFILE, { employee_code: null }, 'employee_code'],
      ['PUT', PROFILE, { email: null }, 'email'],
    ])('%s %s %j → 400', async (method, url, body, field) => {
      const res = await (method === 'PUT' ? t.http.put(url) : t.http.patch(url)).set(a.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body[field]).toEqual(['This field may not be null.']);
    });

    it("refuses null for a product's unit and category, and creates or changes nothing", async () => {
      const created = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'x', sku: 'NULL-UNIT', price: 1, unit: null });
      expect(created.status).toBe(400);
      expect(created.body.unit).toEqual(['This field may not be null.']);
      expect((await t.sql.query(`select 1 from products where sku = 'NULL-UNIT'`)).rowCount).toBe(0);

      const product = await createProduct(t.http, a, { category: 'Tools' });
      const patched = await t.http.patch(`${PRODUCTS}/${product.id}/`).set(a.auth).send({ category: null });
      expect(patched.status).toBe(400);
      expect(patched.body.category).toEqual(['This field may not be null.']);
      expect((await t.sql.query('select category from products where id = $1', [product.id])).rows[0].category).toBe('Tools');
    });

    it('does not read "quantity": null as zero', async () => {
      const w = await createWarehouse(t.http, a);
      const p = await createProduct(t.http, a);
      const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 7 });
      const res = await t.http.patch(`${ITEMS}/${item.id}/`).set(a.auth).send({ quantity: null });
      expect(res.status).toBe(400);
      expect(res.body.quantity).toEqual(['This field may not be null.']);
      expect((await t.http.get(`${ITEMS}/${item.id}/`).set(a.auth)).body.quantity).toBe(7);
    });

    it('takes null as "clear it" where the field is documented nullable', async () => {
      const w = await createWarehouse(t.http, a, { capacity: 500, latitude: '40.7128' });
      const res = await t.http.patch(`/api/v1/masterdata/warehouses/${w.id}/`).set(a.auth).send({ capacity: null, latitude: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ capacity: null, latitude: null });
    });
  });

  describe('numbers stay within what their columns hold', () => {
    it('refuses an integer beyond 32 bits (1e308) with 400', async () => {
      const res = await t.http
        .post('/api/v1/inventory/transfer/')
        .set(a.auth)
        .send({ product_id: 1, from_warehouse_id: 1, to_warehouse_id: 2, quantity: 1e308 });
      expect(res.status).toBe(400);
      expect(res.body.quantity).toEqual(expect.arrayContaining([expect.stringMatching(/less than or equal to/)]));
    });

    it('refuses a page beyond 32 bits and a fractional page size', async () => {
      const res = await t.http.get('/api/v1/auth/tokens/?page=1e308&page_size=999.99').set(a.auth);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['page', 'page_size']));
    });

    it('refuses a price with more than two decimals, also in exponent form, and a price sent as a string', async () => {
      for (const price of [1e-9, 1.005]) {
        const res = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'x', price });
        expect(res.status).toBe(400);
        expect(res.body.price).toEqual(['A valid number with at most two decimals is required.']);
      }
      const text = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'x', price: '12.50' });
      expect(text.status).toBe(400);
      expect(text.body.price).toEqual(['A valid number is required.']);
    });

    it('serves a page size above the maximum at the maximum, and its links say so', async () => {
      for (let i = 0; i < 3; i++) await createProduct(t.http, a);
      const res = await t.http.get(`${PRODUCTS}/?page_size=5000&page=1`).set(a.auth);
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeLessThanOrEqual(100);
      const second = await t.http.get(`${PRODUCTS}/?page_size=5000&page=2`).set(a.auth);
      expect(new URL(second.body.previous).searchParams.get('page_size')).toBe('100');
    });
  });

  describe('text', () => {
    it('refuses a NUL character on the unauthenticated login and sign-up with 400', async () => {
      const login = await t.http.post('/api/v1/auth/login/').send({ username: 'a\u0000b', password: 'x' });
      expect(login.status).toBe(400);
      expect(login.body.username).toEqual(['Null characters are not allowed.']);
      const signUp = {
        company_name: 'Nul Co',
        username: 'nul-user',
        email: 'nul@example.com',
        password: 'Correct-Horse-42',
        password_confirm: 'Correct-Horse-42',
      };
      const register = await t.http.post('/api/v1/accounts/auth/register/').send({ ...signUp, first_name: 'a\u0000' });
      expect(register.status).toBe(400);
      expect(register.body.first_name).toEqual(['Null characters are not allowed.']);
      expect((await t.sql.query(`select 1 from users where username = 'nul-user'`)).rowCount).toBe(0);
    });

    it('refuses control characters, and line breaks outside multi-line fields', async () => {
      const bell = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'Bell\u0007' });
      expect(bell.body.name).toEqual(['Control characters are not allowed.']);
      const newline = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'Two\nlines' });
      expect(newline.body.name).toEqual(['Line breaks and tabs are not allowed in this field.']);
      const described = await t.http.post(`${PRODUCTS}/`).set(a.auth).send({ name: 'Multi', description: 'First line\n\tindented second' });
      expect(described.status).toBe(201);
      expect(described.body.description).toBe('First line\n\tindented second');
    });

    it('refuses NUL in a query parameter', async () => {
      const res = await t.http.get(`${PRODUCTS}/?search=${encodeURIComponent('a\u0000')}`).set(a.auth);
      expect(res.status).toBe(400);
      expect(res.body.search).toEqual(['Null characters are not allowed.']);
    });

    it('refuses deeply nested JSON on the login route with 400', async () => {
      const deep = `{"username": ${'['.repeat(20000)}${']'.repeat(20000)}, "password": "x"}`;
      const res = await t.http.post('/api/v1/auth/login/').set('Content-Type', 'application/json').send(deep);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    });
  });
});
