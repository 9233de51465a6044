import type { Tenant } from '../support/factories';
import { ADDRESS, addMember, createCustomer, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const BASE = '/api/v1/customers';

describe('customers', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it('creates, reads, lists, updates and deletes a customer', async () => {
    const res = await t.http
      .post(`${BASE}/`)
      .set(a.auth)
      .send({ name: 'Acme Retail', email: 'buyer@acme.example', phone: '+1 555 0100', company_name: 'Acme', shipping_address: ADDRESS, notes: 'VIP' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Acme Retail',
      email: 'buyer@acme.example',
      phone: '+1 555 0100',
      company_name: 'Acme',
      shipping_address: ADDRESS,
      billing_address: null,
      notes: 'VIP',
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    const id = res.body.id;
    expect((await t.http.get(`${BASE}/${id}/`).set(a.auth)).body).toEqual(res.body);
    expect((await t.http.get(`${BASE}/?search=acme`).set(a.auth)).body.count).toBe(1);
    expect((await t.http.patch(`${BASE}/${id}/`).set(a.auth).send({ phone: '+1 555 0199' })).body.phone).toBe('+1 555 0199');
    expect((await t.http.delete(`${BASE}/${id}/`).set(a.auth)).status).toBe(204);
    expect((await t.http.get(`${BASE}/${id}/`).set(a.auth)).status).toBe(404);
  });

  it('validates the body and the address shape', async () => {
    const res = await t.http
      .post(`${BASE}/`)
      .set(a.auth)
      .send({ email: 'x', shipping_address: { street: '1 Road' }, vip: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      name: ['This field is required.'],
      email: ['Enter a valid email address.'],
      'shipping_address.city': ['This field is required.'],
      'shipping_address.country': ['This field is required.'],
      vip: ['This field is not allowed.'],
    });
    expect((await t.http.get(`${BASE}/?ordering=secret`).set(a.auth)).status).toBe(400);
    // A list is not an address (it would be stored and answered as one).
    const created = await t.http.post(`${BASE}/`).set(a.auth).send({ name: 'Listed', shipping_address: ADDRESS });
    const listed = await t.http
      .patch(`${BASE}/${created.body.id}/`)
      .set(a.auth)
      .send({ billing_address: [], shipping_address: [ADDRESS] });
    expect(listed.status).toBe(400);
    expect(listed.body).toMatchObject({ billing_address: ['An object is required, not a list.'], shipping_address: ['An object is required, not a list.'] });
    expect((await t.sql.query('select billing_address, shipping_address from customers where id = $1', [created.body.id])).rows[0]).toEqual({
      billing_address: null,
      shipping_address: ADDRESS,
    });
  });

  it('keeps viewers to reading; needs credentials', async () => {
    const viewer = await addMember(t.http, a);
    expect((await t.http.get(`${BASE}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.post(`${BASE}/`).set(viewer.auth).send({ name: 'x' })).status).toBe(403);
    expect((await t.http.get(`${BASE}/`)).status).toBe(401);
  });

  it('answers 404 to another company on every verb and changes nothing', async () => {
    const c = await createCustomer(t.http, a, { name: 'Private' });
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${BASE}/${c.id}/`],
      ['patch', `${BASE}/${c.id}/`, { name: 'Hacked' }],
      ['delete', `${BASE}/${c.id}/`],
    ]);
    const { rows } = await t.sql.query('select name from customers where id = $1', [c.id]);
    expect(rows[0].name).toBe('Private');
    expect((await t.http.get(`${BASE}/?search=Private`).set(b.auth)).body.count).toBe(0);
  });
});
