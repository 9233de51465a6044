import type { Tenant } from '../support/factories';
import { addMember, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('002 users/{id}', () => {
  let t: TestApp;
  let admin: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it("answers 002's user body", async () => {
    const res = await t.http.get(`/api/users/${admin.userId}`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: admin.userId, username: admin.username, email: admin.email, created_at: expect.stringMatching(/Z$/) });
  });

  it('lets users change themselves, and admins anyone in the company', async () => {
    const member = await addMember(t.http, admin);
    const other = await addMember(t.http, admin);
    const self = await t.http
      .put(`/api/users/${member.userId}`)
      .set(member.auth)
      .send({ username: `${member.username}-renamed`, email: `renamed-${member.email}` });
    expect(self.status).toBe(200);
    expect(self.body).toEqual({ message: 'User updated successfully.' });
    expect((await t.http.get(`/api/users/${member.userId}`).set(member.auth)).body.username).toBe(`${member.username}-renamed`);

    const denied = await t.http.put(`/api/users/${other.userId}`).set(member.auth).send({ username: 'hijacked' });
    expect(denied.status).toBe(403);
    expect(
      (
        await t.http
          .put(`/api/users/${other.userId}`)
          .set(admin.auth)
          .send({ email: `fixed-${other.email}` })
      ).status,
    ).toBe(200);
  });

  it('validates and refuses taken names', async () => {
    const member = await addMember(t.http, admin);
    const taken = await t.http.put(`/api/users/${member.userId}`).set(admin.auth).send({ username: admin.username });
    expect(taken.status).toBe(400);
    expect(taken.body.username).toEqual(['A user with that username already exists.']);
    const bad = await t.http.put(`/api/users/${member.userId}`).set(admin.auth).send({ email: 'nope', role: 'admin' });
    expect(bad.body).toMatchObject({ email: ['Enter a valid email address.'], role: ['This field is not allowed.'] });
  });

  it("answers 404 for another company's users, 401 without credentials", async () => {
    const stranger = await registerCompany(t.http);
    expect((await t.http.get(`/api/users/${stranger.userId}`).set(admin.auth)).status).toBe(404);
    expect((await t.http.put(`/api/users/${stranger.userId}`).set(admin.auth).send({ username: 'hijack' })).status).toBe(404);
    const { rows } = await t.sql.query('select username from users where id = $1', [stranger.userId]);
    expect(rows[0].username).toBe(stranger.username);
    expect((await t.http.get(`/api/users/${admin.userId}`)).status).toBe(401);
    expect((await t.http.put(`/api/users/${admin.userId}`).send({})).status).toBe(401);
  });
});
