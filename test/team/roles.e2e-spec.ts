import type { Tenant } from '../support/factories';
import { addMember, createRole, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const ROLES = '/api/v1/roles';

describe('custom roles', () => {
  let t: TestApp;
  let admin: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it('creates, reads, lists, updates and deletes a role', async () => {
    const created = await t.http
      .post(`${ROLES}/`)
      .set(admin.auth)
      .send({ name: 'Shift lead', description: 'Runs a shift', permissions: ['inventory.read', 'inventory.write'] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Shift lead',
      description: 'Runs a shift',
      permissions: ['inventory.read', 'inventory.write'],
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    const id = created.body.id;
    expect((await t.http.get(`${ROLES}/${id}/`).set(admin.auth)).body).toEqual(created.body);
    const list = await t.http.get(`${ROLES}/`).set(admin.auth);
    expect(list.body).toMatchObject({ count: 1, next: null, previous: null, results: [created.body] });

    const patched = await t.http
      .patch(`${ROLES}/${id}/`)
      .set(admin.auth)
      .send({ permissions: ['orders.read'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Shift lead', permissions: ['orders.read'] });

    expect((await t.http.delete(`${ROLES}/${id}/`).set(admin.auth)).status).toBe(204);
    expect((await t.http.get(`${ROLES}/${id}/`).set(admin.auth)).status).toBe(404);
  });

  it('serves the permission catalogue', async () => {
    const res = await t.http.get(`${ROLES}/permissions/`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ name: 'warehouses.write', description: expect.any(String) });
    expect(res.body.map((p: { name: string }) => p.name)).toContain('team.manage');
  });

  it('validates names and permissions', async () => {
    await createRole(t.http, admin, [], 'Picker');
    const dup = await t.http.post(`${ROLES}/`).set(admin.auth).send({ name: 'PICKER' });
    expect(dup.status).toBe(400);
    expect(dup.body.name).toEqual(['A role with this name already exists.']);
    const bad = await t.http
      .post(`${ROLES}/`)
      .set(admin.auth)
      .send({ name: '', permissions: ['inventory.read', 'world.domination'] });
    expect(bad.status).toBe(400);
    expect(bad.body.name).toEqual(['This field may not be blank.']);
    expect(bad.body.permissions).toEqual(['Unknown permission. Use one of the catalogue in the API description.']);
    const notList = await t.http.post(`${ROLES}/`).set(admin.auth).send({ name: 'X', permissions: 'inventory.read' });
    expect(notList.body.permissions).toEqual(['Expected a list of items.']);
  });

  it('refuses to delete a role that is assigned (409) and keeps it', async () => {
    const role = await createRole(t.http, admin, ['inventory.read']);
    const member = await addMember(t.http, admin);
    const w = await createWarehouse(t.http, admin);
    await t.http
      .put(`/api/v1/accounts/team/${member.userId}/roles/`)
      .set(admin.auth)
      .send({ roles: [{ warehouse_id: w.id, role_id: role.id, is_primary: true }] });
    const res = await t.http.delete(`${ROLES}/${role.id}/`).set(admin.auth);
    expect(res.status).toBe(409);
    expect((await t.http.get(`${ROLES}/${role.id}/`).set(admin.auth)).status).toBe(200);
  });

  it('needs credentials and team.manage to write', async () => {
    expect((await t.http.get(`${ROLES}/`)).status).toBe(401);
    const viewer = await addMember(t.http, admin);
    expect((await t.http.get(`${ROLES}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.post(`${ROLES}/`).set(viewer.auth).send({ name: 'Mine' })).status).toBe(403);
  });

  it("answers 404 for another company's role on every verb and changes nothing", async () => {
    const other = await registerCompany(t.http);
    const role = await createRole(t.http, admin, ['inventory.read']);
    await expectForeignIdsNotFound(t.http, other, [
      ['get', `${ROLES}/${role.id}/`],
      ['patch', `${ROLES}/${role.id}/`, { name: 'Hacked' }],
      ['delete', `${ROLES}/${role.id}/`],
    ]);
    const { rows } = await t.sql.query('select name from roles where id = $1', [role.id]);
    expect(rows[0].name).toBe(role.name);
    expect((await t.http.get(`${ROLES}/`).set(other.auth)).body.count).toBe(0);
  });
});
