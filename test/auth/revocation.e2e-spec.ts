import { randomUUID } from 'node:crypto';
import type { Tenant } from '../support/factories';
import { addMember, PASSWORD, registerCompany } from '../support/factories';
import { forgeToken } from '../support/tokens';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ME = '/api/v1/accounts/auth/me/';
const LOGIN = '/api/v1/accounts/auth/login/';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A credential that is revoked fails on its very next use, whichever way it ended. */
describe('revoked means revoked', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const login = async (who: Tenant) => {
    const res = await t.http.post(LOGIN).send({ email: who.email, password: PASSWORD });
    expect(res.status).toBe(200);
    return { access: res.body.access as string, refresh: res.body.refresh as string };
  };

  it("ends the session's access token at logout (004 form)", async () => {
    const a = await registerCompany(t.http);
    expect((await t.http.get(ME).set(a.auth)).status).toBe(200);
    expect((await t.http.post('/api/v1/accounts/auth/logout/').set(a.auth).send({ refresh: a.refresh })).status).toBe(200);
    expect((await t.http.get(ME).set(a.auth)).status).toBe(401);
    // Reads check the token while opening their transaction, writes on their own: both refuse it.
    expect((await t.http.post('/api/v1/warehouses/').set(a.auth).send({ name: 'After logout' })).status).toBe(401);
  });

  it('ends the access tokens of a session whose used refresh token is replayed', async () => {
    const a = await registerCompany(t.http);
    const rotated = await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: a.refresh });
    expect(rotated.status).toBe(200);
    expect((await t.http.get(ME).set(bearer(rotated.body.access))).status).toBe(200);
    // The replay of the used token revokes the family: both access tokens of the session end.
    expect((await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: a.refresh })).status).toBe(401);
    expect((await t.http.get(ME).set(bearer(rotated.body.access))).status).toBe(401);
    expect((await t.http.get(ME).set(a.auth)).status).toBe(401);
  });

  it("ends every other session's access token at a password change, and keeps the caller's", async () => {
    const a = await registerCompany(t.http);
    const other = await login(a);
    const changed = await t.http
      .post('/api/v1/accounts/auth/change-password/')
      .set(a.auth)
      .send({ old_password: PASSWORD, new_password: 'Another-Horse-77', new_password_confirm: 'Another-Horse-77' });
    expect(changed.status).toBe(200);
    expect((await t.http.get(ME).set(bearer(other.access))).status).toBe(401);
    expect((await t.http.get(ME).set(a.auth)).status).toBe(200);
  });

  it('refuses a JWT without an expiry, even when signed with our key', async () => {
    const a = await registerCompany(t.http);
    const claims = { sub: String(a.userId), cid: a.companyId, typ: 'access', jti: randomUUID(), sid: randomUUID() };
    expect((await t.http.get(ME).set(bearer(forgeToken(claims, { issuer: 'stockroom', audience: 'stockroom-api', expiresIn: 60 })))).status).toBe(200);
    expect((await t.http.get(ME).set(bearer(forgeToken(claims, { issuer: 'stockroom', audience: 'stockroom-api' })))).status).toBe(401);
  });

  it('revokes every credential of a removed member for good: reactivation brings none back', async () => {
    const admin = await registerCompany(t.http);
    const member = await addMember(t.http, admin, { role: 'operator' });
    const loginKey = (await t.http.post('/api/v1/auth/login/').send({ username: member.username, password: PASSWORD })).body.key as string;
    const xToken = (await t.http.post('/api/token').send({ username: member.username, password: PASSWORD })).body.token as string;
    const integration = await t.http.post('/api/v1/auth/tokens/').set(admin.auth).send({ name: 'feed', user_id: member.userId });
    expect(integration.status).toBe(201);
    const credentials: Array<[string, Record<string, string>]> = [
      ['JWT', member.auth],
      ['login key', { Authorization: `Token ${loginKey}` }],
      ['X-Token', { 'X-Token': xToken }],
      ['integration key', { api_token: integration.body.token }],
    ];
    for (const [, headers] of credentials) expect((await t.http.get(ME).set(headers)).status).toBe(200);

    expect((await t.http.delete(`/api/v1/accounts/team/${member.userId}/`).set(admin.auth)).status).toBe(204);
    for (const [, headers] of credentials) expect((await t.http.get(ME).set(headers)).status).toBe(401);

    const reactivated = await t.http.patch(`/api/v1/accounts/team/${member.userId}/`).set(admin.auth).send({ is_active: true });
    expect(reactivated.status).toBe(200);
    for (const [name, headers] of credentials) {
      expect([name, (await t.http.get(ME).set(headers)).status]).toEqual([name, 401]);
    }
    expect((await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: member.refresh })).status).toBe(401);
    // The member signs in again and starts afresh.
    expect((await t.http.get(ME).set(bearer((await login(member)).access))).status).toBe(200);
  });

  it('revokes the same way when a member is deactivated by PATCH', async () => {
    const admin = await registerCompany(t.http);
    const member = await addMember(t.http, admin);
    const xToken = (await t.http.post('/api/token').send({ username: member.username, password: PASSWORD })).body.token as string;
    expect((await t.http.patch(`/api/v1/accounts/team/${member.userId}/`).set(admin.auth).send({ is_active: false })).status).toBe(200);
    expect((await t.http.patch(`/api/v1/accounts/team/${member.userId}/`).set(admin.auth).send({ is_active: true })).status).toBe(200);
    expect((await t.http.get(ME).set(member.auth)).status).toBe(401);
    expect((await t.http.get(ME).set('X-Token', xToken)).status).toBe(401);
  });
});
