import { createHash } from 'node:crypto';
import type { Tenant } from '../support/factories';
import { addMember, PASSWORD, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ME = '/api/v1/accounts/auth/me/';

describe('opaque tokens: 001 token API, 000 keys, integration keys', () => {
  let t: TestApp;
  let owner: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  const key000 = async (user: Tenant) => (await t.http.post('/api/auth/login/').send({ username: user.username, password: PASSWORD })).body.key as string;

  describe('001 /api/token', () => {
    it('creates a 24-hour token that works in X-Token, validates and deletes it', async () => {
      const before = Math.floor(Date.now() / 1000);
      const created = await t.http.post('/api/token').send({ username: owner.username, password: PASSWORD });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ token: expect.any(String), expiry_time: expect.any(Number) });
      expect(created.body.expiry_time - before).toBeGreaterThanOrEqual(24 * 3600 - 5);
      expect(created.body.expiry_time - before).toBeLessThanOrEqual(24 * 3600 + 5);
      const token = created.body.token;

      expect((await t.http.get(ME).set('X-Token', token)).status).toBe(200);
      const valid = await t.http.get(`/api/token?token=${encodeURIComponent(token)}`);
      expect(valid.body).toEqual({ valid: true, expiry_time: created.body.expiry_time });

      const deleted = await t.http.delete('/api/token').send({ token });
      expect(deleted.status).toBe(200);
      expect((await t.http.get(`/api/token?token=${encodeURIComponent(token)}`)).body).toEqual({ valid: false, expiry_time: null });
      expect((await t.http.get(ME).set('X-Token', token)).status).toBe(401);
    });

    it('stores only a SHA-256 of the token', async () => {
      const token = (await t.http.post('/api/token').send({ username: owner.username, password: PASSWORD })).body.token as string;
      const { rows } = await t.sql.query('select token_hash, prefix from api_tokens where token_hash = $1', [createHash('sha256').update(token).digest()]);
      expect(rows).toHaveLength(1);
      expect(rows[0].prefix).toBe(token.slice(0, 8));
      const { rows: leaked } = await t.sql.query(`select count(*)::int as n from api_tokens where encode(token_hash, 'escape') like $1`, [`%${token}%`]);
      expect(leaked[0].n).toBe(0);
    });

    it('answers 401 "invalid credentials" for a wrong password', async () => {
      const res = await t.http.post('/api/token').send({ username: owner.username, password: 'nope-nope' });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('invalid credentials');
    });

    it('treats an expired token as invalid everywhere', async () => {
      const token = (await t.http.post('/api/token').send({ username: owner.username, password: PASSWORD })).body.token as string;
      await t.sql.query(`update api_tokens set expires_at = now() - interval '1 second' where token_hash = $1`, [createHash('sha256').update(token).digest()]);
      expect((await t.http.get(`/api/token?token=${token}`)).body).toEqual({ valid: false, expiry_time: null });
      expect((await t.http.get(ME).set('X-Token', token)).status).toBe(401);
    });

    it('always answers 200 to DELETE, and 400 to a GET without a token', async () => {
      expect((await t.http.delete('/api/token').send({ token: 'never-existed' })).status).toBe(200);
      expect((await t.http.delete('/api/token')).status).toBe(200);
      const missing = await t.http.get('/api/token');
      expect(missing.status).toBe(400);
      expect(missing.body.token).toEqual(['This field is required.']);
      expect((await t.http.post('/api/token').send({})).body).toMatchObject({ username: ['This field is required.'], password: ['This field is required.'] });
    });
  });

  describe('000 expire-token/', () => {
    it("expires the caller's own keys (204)", async () => {
      const key = await key000(owner);
      const res = await t.http.post('/api/v1/expire-token/').set('api_token', key).send({ username: owner.username });
      expect(res.status).toBe(204);
      expect((await t.http.get(ME).set('api_token', key)).status).toBe(401);
      // JWT sessions are not 000 keys; they carry on.
      expect((await t.http.get(ME).set(owner.auth)).status).toBe(200);
    });

    it("lets an admin expire a member's keys, but not a member another's (404)", async () => {
      const member = await addMember(t.http, owner);
      const other = await addMember(t.http, owner);
      const memberKey = await key000(member);
      const otherKey = await key000(other);
      expect((await t.http.post('/api/v1/expire-token/').set(member.auth).send({ username: other.username })).status).toBe(404);
      expect((await t.http.get(ME).set('api_token', otherKey)).status).toBe(200);
      expect((await t.http.post('/api/v1/expire-token/').set(owner.auth).send({ username: member.username })).status).toBe(204);
      expect((await t.http.get(ME).set('api_token', memberKey)).status).toBe(401);
    });

    it("answers 404 for another company's user and leaves their keys alone", async () => {
      const stranger = await registerCompany(t.http);
      const key = await key000(stranger);
      expect((await t.http.post('/api/v1/expire-token/').set(owner.auth).send({ username: stranger.username })).status).toBe(404);
      expect((await t.http.get(ME).set('api_token', key)).status).toBe(200);
    });

    it('refuses a 000 key once it has expired', async () => {
      const key = await key000(owner);
      expect((await t.http.get(ME).set('Authorization', `Token ${key}`)).status).toBe(200);
      await t.sql.query(`update api_tokens set expires_at = now() - interval '1 second' where token_hash = $1`, [createHash('sha256').update(key).digest()]);
      expect((await t.http.get(ME).set('Authorization', `Token ${key}`)).status).toBe(401);
    });

    it("answers 000's 400 without a username, and 401 without credentials", async () => {
      const res = await t.http.post('/api/v1/expire-token/').set(owner.auth).send({});
      expect(res.status).toBe(400);
      expect(res.body.username).toEqual(['This field is required.']);
      expect((await t.http.post('/api/v1/expire-token/').send({ username: owner.username })).status).toBe(401);
    });
  });

  describe('auth/tokens/', () => {
    it("lists and revokes the caller's own tokens", async () => {
      const user = await registerCompany(t.http);
      const key = await key000(user);
      await t.http.post('/api/token').send({ username: user.username, password: PASSWORD });
      const list = await t.http.get('/api/v1/auth/tokens/').set(user.auth);
      expect(list.status).toBe(200);
      expect(list.body.count).toBe(2);
      expect(list.body.results[0]).toEqual({
        id: expect.any(Number),
        name: '',
        kind: 'session',
        prefix: expect.any(String),
        created_at: expect.any(String),
        expires_at: expect.any(String),
        last_used_at: null,
      });
      expect(JSON.stringify(list.body)).not.toContain(key);
      const loginKey = list.body.results.find((r: { kind: string }) => r.kind === 'login_key');
      expect(loginKey.prefix).toBe(key.slice(0, 8));
      expect((await t.http.delete(`/api/v1/auth/tokens/${loginKey.id}/`).set(user.auth)).status).toBe(204);
      expect((await t.http.get(ME).set('Authorization', `Token ${key}`)).status).toBe(401);
      expect((await t.http.delete(`/api/v1/auth/tokens/${loginKey.id}/`).set(user.auth)).status).toBe(404);
    });

    it('lets an admin create an integration key, shown once, without expiry', async () => {
      const member = await addMember(t.http, owner);
      const res = await t.http.post('/api/v1/auth/tokens/').set(owner.auth).send({ name: 'Acme ERP feed', user_id: member.userId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Acme ERP feed', kind: 'integration', expires_at: null, token: expect.any(String) });
      const me = await t.http.get(ME).set('Authorization', `Token ${res.body.token}`);
      expect(me.body.id).toBe(member.userId);
      expect((await t.http.get(ME).set('X-Token', res.body.token)).status).toBe(200);
      const again = await t.http.get('/api/v1/auth/tokens/').set('Authorization', `Token ${res.body.token}`);
      expect(JSON.stringify(again.body)).not.toContain(res.body.token);
      // The member it acts as can revoke it; then it stops working.
      const memberTokens = await t.http.get('/api/v1/auth/tokens/').set(member.auth);
      const integration = memberTokens.body.results.find((r: { kind: string }) => r.kind === 'integration');
      expect((await t.http.delete(`/api/v1/auth/tokens/${integration.id}/`).set(member.auth)).status).toBe(204);
      expect((await t.http.get(ME).set('Authorization', `Token ${res.body.token}`)).status).toBe(401);
    });

    it('validates integration keys and keeps them to admins', async () => {
      const bad = await t.http.post('/api/v1/auth/tokens/').set(owner.auth).send({ expires_at: '2000-01-01T00:00:00Z' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ name: ['This field is required.'], expires_at: ['Must be in the future.'] });
      const member = await addMember(t.http, owner, { role: 'manager' });
      expect((await t.http.post('/api/v1/auth/tokens/').set(member.auth).send({ name: 'x' })).status).toBe(403);
      const stranger = await registerCompany(t.http);
      expect((await t.http.post('/api/v1/auth/tokens/').set(owner.auth).send({ name: 'x', user_id: stranger.userId })).status).toBe(404);
    });

    it("answers 404 to another company's token ids and 401 without credentials", async () => {
      const stranger = await registerCompany(t.http);
      await key000(stranger);
      const theirs = (await t.http.get('/api/v1/auth/tokens/').set(stranger.auth)).body.results[0];
      expect((await t.http.delete(`/api/v1/auth/tokens/${theirs.id}/`).set(owner.auth)).status).toBe(404);
      const { rows } = await t.sql.query('select revoked_at from api_tokens where id = $1', [theirs.id]);
      expect(rows[0].revoked_at).toBeNull();
      expect((await t.http.get('/api/v1/auth/tokens/')).status).toBe(401);
      expect((await t.http.delete(`/api/v1/auth/tokens/${theirs.id}/`)).status).toBe(401);
    });
  });
});
