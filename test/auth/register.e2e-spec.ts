import { PASSWORD, registerCompany, unique } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('POST /api/v1/accounts/auth/register/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const validBody = () => {
    const username = unique('owner');
    return {
      company_name: unique('My Company '),
      username,
      email: `${username}@example.com`,
      password: 'SecurePass123!',
      password_confirm: 'SecurePass123!',
    };
  };

  it("creates the company and its owner and answers 004's body", async () => {
    const body = {
      ...validBody(),
      first_name: 'John',
      last_name: 'Doe',
      company_legal_name: 'My Company Inc',
      company_email: 'info@company.com',
      company_country: 'USA',
      company_city: 'New York',
      employee_code: 'EMP001',
      job_title: 'Manager',
      time_zone: 'America/New_York',
    };
    const res = await t.http.post('/api/v1/accounts/auth/register/').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: {
        id: expect.any(Number),
        username: body.username,
        email: body.email,
        first_name: 'John',
        last_name: 'Doe',
        company_id: expect.any(Number),
        company_name: body.company_name,
        is_staff: true,
        is_active: true,
        date_joined: expect.stringMatching(ISO),
      },
      company: { id: res.body.user.company_id, name: body.company_name },
      tokens: { access: expect.any(String), refresh: expect.any(String) },
      message: 'Company and user registered successfully.',
    });

    const { rows: companies } = await t.sql.query('select * from companies where id = $1', [res.body.company.id]);
    expect(companies[0]).toMatchObject({ legal_name: 'My Company Inc', email: 'info@company.com', country: 'USA', city: 'New York' });
    const { rows: users } = await t.sql.query('select * from users where id = $1', [res.body.user.id]);
    expect(users[0]).toMatchObject({ role: 'admin', company_id: res.body.company.id, employee_code: 'EMP001', time_zone: 'America/New_York' });
    const params = users[0].password_hash.split('$')[3].split(',').sort();
    expect(users[0].password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(params).toEqual(['m=19456', 'p=1', 't=2']);
  });

  it('gives a usable access token', async () => {
    const tenant = await registerCompany(t.http);
    const me = await t.http.get('/api/v1/accounts/auth/me/').set(tenant.auth);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(tenant.userId);
  });

  it('lists every missing required field', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/register/').send({});
    expect(res.status).toBe(400);
    for (const field of ['company_name', 'username', 'email', 'password', 'password_confirm']) {
      expect(res.body[field]).toEqual(['This field is required.']);
      expect(res.body.error.details[field]).toEqual(['This field is required.']);
    }
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 });
  });

  it('rejects passwords that do not match or break the policy, creating nothing', async () => {
    const body = validBody();
    const mismatch = await t.http.post('/api/v1/accounts/auth/register/').send({ ...body, password_confirm: 'Different123!' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.password_confirm).toEqual(["Password fields didn't match."]);

    const weak = await t.http.post('/api/v1/accounts/auth/register/').send({ ...body, password: '1234567', password_confirm: '1234567' });
    expect(weak.status).toBe(400);
    expect(weak.body.password).toEqual(['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.']);

    const similar = await t.http
      .post('/api/v1/accounts/auth/register/')
      .send({ ...body, password: `${body.username}!`, password_confirm: `${body.username}!` });
    expect(similar.body.password).toEqual(['The password is too similar to the username.']);

    const { rows } = await t.sql.query('select count(*)::int as n from users where username = $1', [body.username]);
    expect(rows[0].n).toBe(0);
  });

  it('rejects a taken username, email or company name (case-insensitive)', async () => {
    const first = await registerCompany(t.http);
    const { rows } = await t.sql.query('select name from companies where id = $1', [first.companyId]);
    const res = await t.http.post('/api/v1/accounts/auth/register/').send({
      ...validBody(),
      username: first.username.toUpperCase(),
      email: first.email.toUpperCase(),
      company_name: rows[0].name.toLowerCase(),
    });
    expect(res.status).toBe(400);
    expect(res.body.username).toEqual(['A user with that username already exists.']);
    expect(res.body.email).toEqual(['A user with that email already exists.']);
    expect(res.body.company_name).toEqual(['A company with this name already exists.']);
  });

  it('answers 400, not 500, when two sign-ups race for one username', async () => {
    const base = validBody();
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        t.http.post('/api/v1/accounts/auth/register/').send({ ...base, email: `race${i}-${base.email}`, company_name: `${base.company_name} ${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
    const { rows } = await t.sql.query('select count(*)::int as n from users where username = $1', [base.username]);
    expect(rows[0].n).toBe(1);
  });

  it('rejects unknown fields and malformed values', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/register/').send({ ...validBody(), is_superuser: true, email: 'not-an-email', username: 'has space' });
    expect(res.status).toBe(400);
    expect(res.body.is_superuser).toEqual(['This field is not allowed.']);
    expect(res.body.email).toEqual(['Enter a valid email address.']);
    expect(res.body.username).toEqual(['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.']);
  });

  it('answers at /api/ and without the trailing slash too', async () => {
    const res = await t.http.post('/api/accounts/auth/register').send({ ...validBody(), password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(201);
  });
});
