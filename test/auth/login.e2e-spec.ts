import type { Tenant } from '../support/factories';
import { PASSWORD, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('POST /api/v1/accounts/auth/login/', () => {
  let t: TestApp;
  let owner: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerCompany(t.http, { first_name: 'John', job_title: 'Manager' });
  });
  afterAll(() => t.close());

  it('answers tokens and the user as 004 shows, and records the login', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: owner.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access: expect.any(String),
      refresh: expect.any(String),
      user: {
        id: owner.userId,
        username: owner.username,
        email: owner.email,
        first_name: 'John',
        last_name: '',
        company_id: owner.companyId,
        company_name: expect.any(String),
        employee_code: '',
        job_title: 'Manager',
        phone: '',
        is_warehouse_operator: false,
        is_staff: true,
        is_active: true,
        date_joined: expect.any(String),
        warehouses: [],
      },
    });
    const me = await t.http.get('/api/v1/accounts/auth/me/').set('Authorization', `Bearer ${res.body.access}`);
    expect(me.status).toBe(200);
    expect(me.body.last_login).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('matches the email case-insensitively', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: owner.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it('answers 400 INVALID_CREDENTIALS alike for a wrong password and an unknown email', async () => {
    const wrong = await t.http.post('/api/v1/accounts/auth/login/').send({ email: owner.email, password: 'Wrong-password-1' });
    const unknown = await t.http.post('/api/v1/accounts/auth/login/').send({ email: 'nobody@example.com', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          code: 'INVALID_CREDENTIALS',
          status: 400,
          message: 'Unable to log in with provided credentials.',
          details: { non_field_errors: ['Unable to log in with provided credentials.'] },
          request_id: expect.any(String),
        },
        non_field_errors: ['Unable to log in with provided credentials.'],
      });
    }
  });

  it('refuses an inactive user', async () => {
    const other = await registerCompany(t.http);
    await t.sql.query('update users set is_active = false where id = $1', [other.userId]);
    const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: other.email, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.non_field_errors).toEqual(['User account is disabled.']);
    // Their existing access token stops working as well.
    expect((await t.http.get('/api/v1/accounts/auth/me/').set(other.auth)).status).toBe(401);
  });

  it('requires email and password', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.email).toEqual(['Enter a valid email address.']);
    expect(res.body.password).toEqual(['This field is required.']);
  });
});
