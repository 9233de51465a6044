import type { Tenant } from '../support/factories';
import { PASSWORD, registerCompany } from '../support/factories';
import { claimsOf } from '../support/tokens';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ME = '/api/v1/accounts/auth/me/';

describe('login dialects of 000, 002 and 003', () => {
  let t: TestApp;
  let owner: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  const login = (body: object) => t.http.post('/api/auth/login/').send(body);

  describe('POST auth/login/', () => {
    it('answers one body that 000, 002 and 003 clients can all read', async () => {
      const res = await login({ username: owner.username, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        key: expect.stringMatching(/^[\w-]{43}$/),
        token: expect.any(String),
        access: expect.any(String),
        refresh: expect.any(String),
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        user: { id: owner.userId, username: owner.username, email: owner.email, role: 'admin' },
      });
      expect(res.body.token).toBe(res.body.access);
      expect(res.body.access_token).toBe(res.body.access);
      expect(res.body.refresh_token).toBe(res.body.refresh);
      expect(claimsOf(res.body.access).typ).toBe('access');
    });

    it('answers at every path form and accepts an email instead of a username', async () => {
      for (const path of ['/api/auth/login', '/api/auth/login/', '/api/v1/auth/login/']) {
        expect((await t.http.post(path).send({ username: owner.username, password: PASSWORD })).status).toBe(200);
      }
      expect((await login({ email: owner.email, password: PASSWORD })).status).toBe(200);
      expect((await login({ username: owner.email, password: PASSWORD })).status).toBe(401);
    });

    it('gives credentials that work with every carrier', async () => {
      const res = await login({ username: owner.username, password: PASSWORD });
      for (const headers of [
        { Authorization: `Bearer ${res.body.token}` },
        { Authorization: `Bearer ${res.body.access_token}` },
        { Authorization: `Token ${res.body.key}` },
        { api_token: res.body.key },
      ]) {
        const me = await t.http.get(ME).set(headers);
        expect(me.status).toBe(200);
        expect(me.body.id).toBe(owner.userId);
      }
    });

    it("answers 000's field errors for missing fields", async () => {
      const res = await login({});
      expect(res.status).toBe(400);
      expect(res.body.username).toEqual(['This field is required.']);
      expect(res.body.password).toEqual(['This field is required.']);
    });

    it("answers 002's 401 INVALID_CREDENTIALS for wrong credentials", async () => {
      for (const body of [
        { username: owner.username, password: 'wrong-password' },
        { username: 'nobody-here', password: PASSWORD },
      ]) {
        const res = await login(body);
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, message: 'The provided credentials are invalid.' });
      }
    });

    it('refuses an unknown Token key and a revoked one', async () => {
      expect((await t.http.get(ME).set('Authorization', 'Token not-a-real-key')).status).toBe(401);
      expect((await t.http.get(ME).set('api_token', 'not-a-real-key')).status).toBe(401);
    });
  });

  describe('002', () => {
    it('refreshes with {refresh_token}', async () => {
      const session = (await login({ username: owner.username, password: PASSWORD })).body;
      const res = await t.http.post('/api/auth/refresh').send({ refresh_token: session.refresh_token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), expires_in: 3600, refresh_token: expect.any(String), token_type: 'Bearer' });
      expect((await t.http.get(ME).set('Authorization', `Bearer ${res.body.access_token}`)).status).toBe(200);
      expect((await t.http.post('/api/auth/refresh').send({})).body.refresh_token).toEqual(['This field is required.']);
      expect((await t.http.post('/api/auth/refresh').send({ refresh_token: 'junk' })).status).toBe(401);
    });

    it('logs out: that access token is refused from now on and its session ends', async () => {
      const session = (await login({ username: owner.username, password: PASSWORD })).body;
      const bearer = { Authorization: `Bearer ${session.access_token}` };
      const res = await t.http.post('/api/auth/logout').set(bearer);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Successfully logged out.' });
      expect((await t.http.get(ME).set(bearer)).status).toBe(401);
      expect((await t.http.post('/api/auth/refresh').send({ refresh_token: session.refresh_token })).status).toBe(401);
      // Other sessions of the same user carry on.
      expect((await t.http.get(ME).set(owner.auth)).status).toBe(200);
      const { rows } = await t.sql.query('select user_id from revoked_access_tokens where jti = $1', [claimsOf(session.access_token).jti]);
      expect(rows).toEqual([{ user_id: owner.userId }]);
      expect((await t.http.post('/api/auth/logout')).status).toBe(401);
    });

    it('logs out a 000 key used as the credential', async () => {
      const key = (await login({ username: owner.username, password: PASSWORD })).body.key;
      expect((await t.http.post('/api/auth/logout').set('Authorization', `Token ${key}`)).status).toBe(200);
      expect((await t.http.get(ME).set('Authorization', `Token ${key}`)).status).toBe(401);
    });
  });

  describe('003', () => {
    it('registers without company fields: a company named after the user, the user its admin', async () => {
      const res = await t.http
        .post('/api/auth/register/')
        .send({ username: 'newuser003', email: 'user003@example.com', password: 'securepassword', first_name: 'John', last_name: 'Doe' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        user: { username: 'newuser003', first_name: 'John', last_name: 'Doe', company_name: 'newuser003' },
        company: { name: 'newuser003' },
      });
      const { rows } = await t.sql.query('select role from users where id = $1', [res.body.user.id]);
      expect(rows[0].role).toBe('admin');
      const again = await t.http.post('/api/auth/register/').send({ username: 'newuser003b', email: 'b003@example.com', password: 'securepassword' });
      expect(again.status).toBe(201);

      // A username equal to an existing company's name still gets a company of its own.
      await registerCompany(t.http, { company_name: 'Clash Co' });
      const clash = await t.http.post('/api/auth/register/').send({ username: 'clash', email: 'c003@example.com', password: 'securepassword' });
      expect(clash.status).toBe(201);
      const takenName = await t.http.post('/api/auth/register/').send({ username: 'Clash', email: 'd003@example.com', password: 'securepassword' });
      expect(takenName.status).toBe(400);
      expect(takenName.body.username).toEqual(['A user with that username already exists.']);
      await registerCompany(t.http, { company_name: 'samename' });
      const sameName = await t.http.post('/api/auth/register/').send({ username: 'samename', email: 'e003@example.com', password: 'securepassword' });
      expect(sameName.status).toBe(201);
      expect(sameName.body.company.name).toMatch(/^samename-[0-9a-f]{6}$/);
      const invalid = await t.http.post('/api/auth/register/').send({ username: 'x y', company_name: 'Nope' });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ email: ['This field is required.'], company_name: ['This field is not allowed.'] });
    });

    it('refreshes at token/refresh/ with {refresh} and rotates', async () => {
      const session = (await login({ username: owner.username, password: PASSWORD })).body;
      const res = await t.http.post('/api/auth/token/refresh/').send({ refresh: session.refresh });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access: expect.any(String), refresh: expect.any(String) });
      expect((await t.http.post('/api/auth/token/refresh/').send({ refresh: session.refresh })).status).toBe(401);
    });

    it('reads and updates the user at auth/user/', async () => {
      const user = await registerCompany(t.http);
      const get = await t.http.get('/api/auth/user/').set(user.auth);
      expect(get.status).toBe(200);
      expect(get.body).toMatchObject({ id: user.userId, username: user.username });
      const patch = await t.http
        .patch('/api/auth/user/')
        .set(user.auth)
        .send({ first_name: 'John', last_name: 'Doe', email: `jd-${user.email}` });
      expect(patch.status).toBe(200);
      expect(patch.body).toMatchObject({ first_name: 'John', last_name: 'Doe', email: `jd-${user.email}` });
      expect((await t.http.patch('/api/auth/user/').set(user.auth).send({ role: 'admin' })).status).toBe(400);
      expect((await t.http.get('/api/auth/user/')).status).toBe(401);
    });

    it('changes the password with old and new only, and ends the other keys and sessions', async () => {
      const user = await registerCompany(t.http);
      const other = (await login({ username: user.username, password: PASSWORD })).body;
      const res = await t.http.post('/api/auth/change-password/').set(user.auth).send({ old_password: PASSWORD, new_password: 'newsecurepassword' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Password changed successfully.' });
      expect((await t.http.get(ME).set('Authorization', `Token ${other.key}`)).status).toBe(401);
      expect((await t.http.post('/api/auth/token/refresh/').send({ refresh: other.refresh })).status).toBe(401);
      expect((await login({ username: user.username, password: 'newsecurepassword' })).status).toBe(200);
      const wrong = await t.http.post('/api/auth/change-password/').set(user.auth).send({ old_password: 'nope', new_password: 'another-pass-1' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.old_password).toEqual(['Your old password was entered incorrectly. Please enter it again.']);
      expect((await t.http.post('/api/auth/change-password/').send({})).status).toBe(401);
    });
  });
});
