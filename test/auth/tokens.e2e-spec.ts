import { randomUUID } from 'node:crypto';
import type { Tenant } from '../support/factories';
import { PASSWORD, registerCompany } from '../support/factories';
import { claimsOf, forgeToken, unsignedCopy } from '../support/tokens';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ME = '/api/v1/accounts/auth/me/';
const REFRESH = '/api/v1/accounts/auth/refresh/';
const LOGOUT = '/api/v1/accounts/auth/logout/';
const LOGIN = '/api/v1/accounts/auth/login/';

describe('access and refresh tokens', () => {
  let t: TestApp;
  let owner: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  describe('GET me/', () => {
    it('answers the current user as 004 shows', async () => {
      const res = await t.http.get(ME).set(owner.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: owner.userId,
        username: owner.username,
        email: owner.email,
        first_name: '',
        last_name: '',
        company_id: owner.companyId,
        company_name: expect.any(String),
        employee_code: '',
        job_title: '',
        phone: '',
        mobile: '',
        language: 'en',
        time_zone: 'UTC',
        is_warehouse_operator: false,
        is_active: true,
        is_staff: true,
        is_superuser: false,
        date_joined: expect.any(String),
        last_login: null,
        warehouses: [],
      });
    });

    it('answers 401 without credentials', async () => {
      const res = await t.http.get(ME);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'NOT_AUTHENTICATED', message: 'Authentication credentials were not provided.' });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    const claims = () => ({ sub: String(owner.userId), cid: owner.companyId, typ: 'access', jti: randomUUID(), sid: randomUUID() });
    const refusals: Array<[string, () => string]> = [
      ['garbage', () => 'not-a-jwt'],
      ['alg none', () => unsignedCopy(owner.access)],
      ['another key', () => forgeToken(claims(), { issuer: 'stockroom', audience: 'stockroom-api' }, 'another-secret-another-secret-another')],
      ['expired', () => forgeToken(claims(), { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: -10 })],
      ['wrong issuer', () => forgeToken(claims(), { issuer: 'evil', audience: 'stockroom-api', expiresIn: 60 })],
      ['wrong audience', () => forgeToken(claims(), { issuer: 'stockroom', audience: 'other', expiresIn: 60 })],
      ['a jti that is not a UUID', () => forgeToken({ ...claims(), jti: 'x' }, { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 })],
      ['no jti', () => forgeToken({ ...claims(), jti: undefined }, { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 })],
      ['a refresh token', () => owner.refresh],
      ['HS512', () => forgeToken(claims(), { algorithm: 'HS512', issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 })],
    ];
    it.each(refusals)('answers 401 for %s', async (_, token) => {
      const res = await t.http.get(ME).set('Authorization', `Bearer ${token()}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('NOT_AUTHENTICATED');
    });

    it('accepts a token we signed with the right claims (the forging helper is sound)', async () => {
      const token = forgeToken(claims(), { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 });
      expect((await t.http.get(ME).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    });

    it('does not let a token name another company', async () => {
      const other = await registerCompany(t.http);
      const token = forgeToken({ ...claims(), cid: other.companyId }, { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 });
      expect((await t.http.get(ME).set('Authorization', `Bearer ${token}`)).status).toBe(401);
    });

    it('carries iss, aud, typ, jti and a one-hour expiry', () => {
      const c = claimsOf(owner.access);
      expect(c).toMatchObject({ iss: 'stockroom', aud: 'stockroom-api', typ: 'access', sub: String(owner.userId), cid: owner.companyId });
      expect(c.jti).toEqual(expect.any(String));
      expect((c.exp as number) - (c.iat as number)).toBe(3600);
      const r = claimsOf(owner.refresh);
      expect((r.exp as number) - (r.iat as number)).toBe(7 * 24 * 3600);
    });
  });

  describe('POST refresh/', () => {
    it('answers a new access token and rotates the refresh token', async () => {
      const tenant = await registerCompany(t.http);
      const res = await t.http.post(REFRESH).send({ refresh: tenant.refresh });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access: expect.any(String), refresh: expect.any(String) });
      expect(res.body.refresh).not.toBe(tenant.refresh);
      expect((await t.http.get(ME).set('Authorization', `Bearer ${res.body.access}`)).status).toBe(200);
      // The rotated token carries on the same family.
      expect(claimsOf(res.body.refresh).fam).toBe(claimsOf(tenant.refresh).fam);
      const next = await t.http.post(REFRESH).send({ refresh: res.body.refresh });
      expect(next.status).toBe(200);
    });

    it('treats a reused refresh token as theft: 401 and the whole family revoked', async () => {
      const tenant = await registerCompany(t.http);
      const first = await t.http.post(REFRESH).send({ refresh: tenant.refresh });
      expect(first.status).toBe(200);

      const replay = await t.http.post(REFRESH).send({ refresh: tenant.refresh });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('NOT_AUTHENTICATED');

      // The token the legitimate client holds now is dead too.
      const successor = await t.http.post(REFRESH).send({ refresh: first.body.refresh });
      expect(successor.status).toBe(401);
      const { rows } = await t.sql.query('select count(*)::int as live from refresh_tokens where family_id = $1 and revoked_at is null', [
        claimsOf(tenant.refresh).fam,
      ]);
      expect(rows[0].live).toBe(0);
    });

    it('lets exactly one of two concurrent refreshes with one token win', async () => {
      const tenant = await registerCompany(t.http);
      const results = await Promise.all([0, 1].map(() => t.http.post(REFRESH).send({ refresh: tenant.refresh })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('refuses an access token, a forged token and an expired one', async () => {
      const forged = forgeToken(
        {
          sub: String(owner.userId),
          cid: owner.companyId,
          typ: 'refresh',
          jti: '00000000-0000-4000-8000-000000000000',
          fam: '00000000-0000-4000-8000-000000000001',
        },
        { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 },
      );
      const { sub, cid, typ, jti, fam } = claimsOf(owner.refresh);
      const expired = forgeToken({ sub, cid, typ, jti, fam }, { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: -5 });
      for (const refresh of [owner.access, forged, expired, 'garbage']) {
        const res = await t.http.post(REFRESH).send({ refresh });
        expect(res.status).toBe(401);
      }
    });

    it('requires the refresh field', async () => {
      const res = await t.http.post(REFRESH).send({});
      expect(res.status).toBe(400);
      expect(res.body.refresh).toEqual(['This field is required.']);
    });
  });

  describe('POST logout/', () => {
    it("blacklists the refresh token: it no longer refreshes, the session's access token ends, and a second logout answers 400", async () => {
      const tenant = await registerCompany(t.http);
      const other = await t.http.post(LOGIN).send({ email: tenant.email, password: PASSWORD });
      expect(other.status).toBe(200);
      const res = await t.http.post(LOGOUT).set(tenant.auth).send({ refresh: tenant.refresh });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Successfully logged out.' });

      expect((await t.http.post(REFRESH).send({ refresh: tenant.refresh })).status).toBe(401);
      expect((await t.http.get(ME).set(tenant.auth)).status).toBe(401);
      // The user's other session is untouched.
      const otherAuth = { Authorization: `Bearer ${other.body.access}` };
      expect((await t.http.get(ME).set(otherAuth)).status).toBe(200);

      const again = await t.http.post(LOGOUT).set(otherAuth).send({ refresh: tenant.refresh });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toBe('Invalid token or token already blacklisted.');
      const { rows } = await t.sql.query('select revoked_at from refresh_tokens where id = $1', [claimsOf(tenant.refresh).jti]);
      expect(rows[0].revoked_at).toBeInstanceOf(Date);
    });

    it("answers 004's message when the refresh token is missing", async () => {
      const res = await t.http.post(LOGOUT).set(owner.auth).send({});
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Refresh token is required.' });
    });

    it("will not blacklist another user's refresh token (400, token untouched)", async () => {
      const victim = await registerCompany(t.http);
      const res = await t.http.post(LOGOUT).set(owner.auth).send({ refresh: victim.refresh });
      expect(res.status).toBe(400);
      expect((await t.http.post(REFRESH).send({ refresh: victim.refresh })).status).toBe(200);
    });

    it('needs credentials', async () => {
      const res = await t.http.post(LOGOUT).send({ refresh: owner.refresh });
      expect(res.status).toBe(401);
    });
  });
});
