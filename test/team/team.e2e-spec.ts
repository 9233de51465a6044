import type { Tenant } from '../support/factories';
import { addMember, createRole, createWarehouse, PASSWORD, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const TEAM = '/api/v1/accounts/team';

describe('team', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('GET team/', () => {
    let admin: Tenant;
    let john: Tenant;
    let customRoleId: number;
    let w1: { id: number; code: string; name: string };
    beforeAll(async () => {
      admin = await registerCompany(t.http, { first_name: 'Ada', last_name: 'Admin' });
      w1 = await createWarehouse(t.http, admin, { code: 'WH-001', name: 'Main Warehouse' });
      const w2 = await createWarehouse(t.http, admin, { code: 'WH-002', name: 'Secondary Warehouse' });
      customRoleId = (await createRole(t.http, admin, ['inventory.read', 'inventory.write'], 'Manager')).id;
      john = await addMember(t.http, admin, {
        username: 'john.doe',
        email: `john.doe.${admin.companyId}@example.com`,
        first_name: 'John',
        last_name: 'Doe',
        employee_code: 'EMP001',
        job_title: 'Warehouse Manager',
        phone: '+1234567890',
        mobile: '+1234567891',
        is_warehouse_operator: true,
      });
      await t.http
        .put(`${TEAM}/${john.userId}/roles/`)
        .set(admin.auth)
        .send({
          roles: [
            { warehouse_id: w1.id, role_id: customRoleId, is_primary: true },
            { warehouse_id: w2.id, role: 'operator' },
          ],
        });
      await addMember(t.http, admin, { first_name: 'Mary', last_name: 'Manager', role: 'manager' });
      for (let i = 0; i < 3; i++) await addMember(t.http, admin, { first_name: `Viewer${i}` });
    });

    it('answers each member exactly as 004 shows', async () => {
      const res = await t.http.get(`${TEAM}/?search=john`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        count: 1,
        next: null,
        previous: null,
        results: [
          {
            id: john.userId,
            username: 'john.doe',
            email: john.email,
            first_name: 'John',
            last_name: 'Doe',
            full_name: 'John Doe',
            employee_code: 'EMP001',
            job_title: 'Warehouse Manager',
            phone: '+1234567890',
            mobile: '+1234567891',
            is_warehouse_operator: true,
            is_active: true,
            is_staff: false,
            is_superuser: false,
            date_joined: expect.stringMatching(/Z$/),
            last_login: expect.stringMatching(/Z$/),
            role: 'viewer',
            roles: [
              {
                warehouse_id: w1.id,
                warehouse_code: 'WH-001',
                warehouse_name: 'Main Warehouse',
                role_id: customRoleId,
                role_name: 'Manager',
                role_type: 'custom',
                is_primary: true,
              },
              {
                warehouse_id: expect.any(Number),
                warehouse_code: 'WH-002',
                warehouse_name: 'Secondary Warehouse',
                role_name: 'operator',
                role_type: 'legacy',
                is_primary: false,
              },
            ],
            primary_warehouse: { warehouse_id: w1.id, warehouse_code: 'WH-001', warehouse_name: 'Main Warehouse', role: 'Manager' },
          },
        ],
      });
    });

    it('lists everyone, paginated, with empty roles for members without assignments', async () => {
      const all = await t.http.get(`${TEAM}/?page_size=2`).set(admin.auth);
      expect(all.body.count).toBe(6);
      expect(all.body.results).toHaveLength(2);
      expect(all.body.next).toMatch(/page=2/);
      const adminRow = all.body.results.find((m: { id: number }) => m.id === admin.userId);
      expect(adminRow).toMatchObject({ role: 'admin', roles: [], primary_warehouse: null, full_name: 'Ada Admin' });
    });

    it('searches email, names, full name and username case-insensitively', async () => {
      for (const search of ['JOHN', 'doe', 'John Doe', 'john.doe', `john.doe.${admin.companyId}@`]) {
        const res = await t.http.get(`${TEAM}/?search=${encodeURIComponent(search)}`).set(admin.auth);
        expect(res.body.results.map((m: { id: number }) => m.id)).toEqual([john.userId]);
      }
    });

    it('filters by custom role id and by legacy role name', async () => {
      const byId = await t.http.get(`${TEAM}/?role=${customRoleId}`).set(admin.auth);
      expect(byId.body.results.map((m: { id: number }) => m.id)).toEqual([john.userId]);
      const operators = await t.http.get(`${TEAM}/?role=operator`).set(admin.auth);
      expect(operators.body.results.map((m: { id: number }) => m.id)).toEqual([john.userId]);
      const managers = await t.http.get(`${TEAM}/?role=manager&search=mary`).set(admin.auth);
      expect(managers.body.count).toBe(1);
      const combined = await t.http.get(`${TEAM}/?search=john&role=manager`).set(admin.auth);
      expect(combined.body.count).toBe(0);
      const bad = await t.http.get(`${TEAM}/?role=overlord`).set(admin.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.role).toEqual(['Select a valid role: a role id, or admin, manager, operator or viewer.']);
    });

    it('is readable by every member but needs credentials', async () => {
      expect((await t.http.get(`${TEAM}/`).set(john.auth)).status).toBe(200);
      expect((await t.http.get(`${TEAM}/`)).status).toBe(401);
      expect((await t.http.get(`${TEAM}/?page=0`).set(admin.auth)).status).toBe(400);
    });
  });

  describe('POST team/', () => {
    it('adds a member who can sign in, answering the member as the list shows it', async () => {
      const admin = await registerCompany(t.http);
      const body = { username: 'new.hire', email: `hire-${admin.companyId}@example.com`, password: PASSWORD, first_name: 'New', role: 'operator' };
      const res = await t.http.post(`${TEAM}/`).set(admin.auth).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        username: 'new.hire',
        first_name: 'New',
        role: 'operator',
        roles: [],
        primary_warehouse: null,
        is_active: true,
      });
      const listed = await t.http.get(`${TEAM}/${res.body.id}/`).set(admin.auth);
      expect(listed.body).toEqual(res.body);
      expect((await t.http.post('/api/v1/accounts/auth/login/').send({ email: body.email, password: PASSWORD })).status).toBe(200);
      const { rows } = await t.sql.query('select company_id, role from users where id = $1', [res.body.id]);
      expect(rows[0]).toEqual({ company_id: admin.companyId, role: 'operator' });
    });

    it('rejects taken usernames and emails (in any company) and weak passwords', async () => {
      const admin = await registerCompany(t.http);
      const elsewhere = await registerCompany(t.http);
      const dupUser = await t.http.post(`${TEAM}/`).set(admin.auth).send({ username: elsewhere.username, email: 'fresh1@example.com', password: PASSWORD });
      expect(dupUser.status).toBe(400);
      expect(dupUser.body.username).toEqual(['A user with that username already exists.']);
      const dupEmail = await t.http.post(`${TEAM}/`).set(admin.auth).send({ username: 'fresh2', email: elsewhere.email, password: PASSWORD });
      expect(dupEmail.body.email).toEqual(['A user with that email already exists.']);
      const weak = await t.http.post(`${TEAM}/`).set(admin.auth).send({ username: 'fresh3', email: 'fresh3@example.com', password: 'password' });
      expect(weak.body.password).toEqual(['This password is too common.']);
      const invalid = await t.http.post(`${TEAM}/`).set(admin.auth).send({ role: 'king', company_id: 3 });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({
        username: ['This field is required.'],
        role: ['"king" is not a valid choice.'],
        company_id: ['This field is not allowed.'],
      });
    });
  });

  describe('PATCH and DELETE team/{id}/', () => {
    it("changes a member's profile and company role", async () => {
      const admin = await registerCompany(t.http);
      const member = await addMember(t.http, admin);
      const res = await t.http.patch(`${TEAM}/${member.userId}/`).set(admin.auth).send({ job_title: 'Lead', role: 'manager' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job_title: 'Lead', role: 'manager' });
    });

    it('deactivates on DELETE: 204, no more sign-in, sessions ended, row kept', async () => {
      const admin = await registerCompany(t.http);
      const member = await addMember(t.http, admin);
      const res = await t.http.delete(`${TEAM}/${member.userId}/`).set(admin.auth);
      expect(res.status).toBe(204);
      expect((await t.http.get('/api/v1/accounts/auth/me/').set(member.auth)).status).toBe(401);
      expect((await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: member.refresh })).status).toBe(401);
      expect((await t.http.post('/api/v1/accounts/auth/login/').send({ email: member.email, password: PASSWORD })).status).toBe(400);
      const { rows } = await t.sql.query('select is_active from users where id = $1', [member.userId]);
      expect(rows[0].is_active).toBe(false);
    });

    it('never removes or demotes the last active admin', async () => {
      const admin = await registerCompany(t.http);
      const demote = await t.http.patch(`${TEAM}/${admin.userId}/`).set(admin.auth).send({ role: 'viewer' });
      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('CONFLICT');
      expect((await t.http.patch(`${TEAM}/${admin.userId}/`).set(admin.auth).send({ is_active: false })).status).toBe(409);
      expect((await t.http.delete(`${TEAM}/${admin.userId}/`).set(admin.auth)).status).toBe(409);

      const second = await addMember(t.http, admin, { role: 'admin' });
      expect((await t.http.delete(`${TEAM}/${admin.userId}/`).set(second.auth)).status).toBe(204);
      expect((await t.http.delete(`${TEAM}/${second.userId}/`).set(second.auth)).status).toBe(409);
    });

    it('keeps one admin when two admins demote each other at once', async () => {
      const a1 = await registerCompany(t.http);
      const a2 = await addMember(t.http, a1, { role: 'admin' });
      const results = await Promise.all([
        t.http.patch(`${TEAM}/${a2.userId}/`).set(a1.auth).send({ role: 'viewer' }),
        t.http.patch(`${TEAM}/${a1.userId}/`).set(a2.auth).send({ role: 'viewer' }),
      ]);
      const { rows } = await t.sql.query(`select count(*)::int as n from users where company_id = $1 and role = 'admin' and is_active`, [a1.companyId]);
      expect(rows[0].n).toBe(1);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409].sort());
    });

    it('validates PATCH bodies', async () => {
      const admin = await registerCompany(t.http);
      const member = await addMember(t.http, admin);
      const res = await t.http.patch(`${TEAM}/${member.userId}/`).set(admin.auth).send({ email: 'bad', username: 'rename', password: 'x' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        email: ['Enter a valid email address.'],
        username: ['This field is not allowed.'],
        password: ['This field is not allowed.'],
      });
    });
  });

  describe('PUT team/{id}/roles/', () => {
    let admin: Tenant;
    let member: Tenant;
    let w1: { id: number };
    let w2: { id: number };
    beforeAll(async () => {
      admin = await registerCompany(t.http);
      member = await addMember(t.http, admin);
      w1 = await createWarehouse(t.http, admin);
      w2 = await createWarehouse(t.http, admin);
    });

    it('replaces the whole list', async () => {
      const first = await t.http
        .put(`${TEAM}/${member.userId}/roles/`)
        .set(admin.auth)
        .send({ roles: [{ warehouse_id: w1.id, role: 'viewer', is_primary: true }] });
      expect(first.status).toBe(200);
      expect(first.body.roles).toHaveLength(1);
      const second = await t.http
        .put(`${TEAM}/${member.userId}/roles/`)
        .set(admin.auth)
        .send({
          roles: [
            { warehouse_id: w2.id, role: 'manager', is_primary: true },
            { warehouse_id: w1.id, is_primary: false },
          ],
        });
      expect(second.body.roles).toEqual([
        expect.objectContaining({ warehouse_id: w2.id, role_name: 'manager', role_type: 'legacy', is_primary: true }),
        expect.objectContaining({ warehouse_id: w1.id, role_name: null, role_type: null, is_primary: false }),
      ]);
      expect(second.body.primary_warehouse).toMatchObject({ warehouse_id: w2.id, role: 'manager' });
      const cleared = await t.http.put(`${TEAM}/${member.userId}/roles/`).set(admin.auth).send({ roles: [] });
      expect(cleared.body).toMatchObject({ roles: [], primary_warehouse: null });
    });

    it('needs exactly one primary, distinct warehouses, and role or role_id', async () => {
      const url = `${TEAM}/${member.userId}/roles/`;
      const none = await t.http
        .put(url)
        .set(admin.auth)
        .send({ roles: [{ warehouse_id: w1.id, role: 'viewer' }] });
      expect(none.status).toBe(400);
      expect(none.body.roles).toEqual(['Exactly one assignment must be primary.']);
      const twice = await t.http
        .put(url)
        .set(admin.auth)
        .send({ roles: [{ warehouse_id: w1.id, is_primary: true }, { warehouse_id: w1.id }] });
      expect(twice.body.roles).toEqual(['Each warehouse may appear only once.']);
      const both = await t.http
        .put(url)
        .set(admin.auth)
        .send({ roles: [{ warehouse_id: w1.id, role: 'viewer', role_id: 1, is_primary: true }] });
      expect(both.body['roles[0]']).toEqual(['Give either role or role_id, not both.']);
      const shape = await t.http
        .put(url)
        .set(admin.auth)
        .send({ roles: [{ warehouse_id: 'x', role: 'boss' }] });
      expect(shape.body['roles[0].warehouse_id']).toEqual(['A valid integer is required.']);
      expect(shape.body['roles[0].role']).toEqual(['"boss" is not a valid choice.']);
      expect((await t.http.put(url).set(admin.auth).send({})).body.roles).toEqual(['This field is required.']);
    });
  });

  describe('company isolation', () => {
    it("answers 404 for another company's member, warehouse and role ids, and changes nothing", async () => {
      const a = await registerCompany(t.http);
      const b = await registerCompany(t.http);
      const aMember = await addMember(t.http, a);
      const aWarehouse = await createWarehouse(t.http, a);
      const aRole = await createRole(t.http, a, ['inventory.read']);
      const bMember = await addMember(t.http, b);
      const bWarehouse = await createWarehouse(t.http, b);
      const before = (await t.sql.query('select * from users where id = $1', [aMember.userId])).rows[0];

      const onAMember = [
        t.http.get(`${TEAM}/${aMember.userId}/`).set(b.auth),
        t.http.patch(`${TEAM}/${aMember.userId}/`).set(b.auth).send({ job_title: 'Hacked' }),
        t.http.delete(`${TEAM}/${aMember.userId}/`).set(b.auth),
        t.http.put(`${TEAM}/${aMember.userId}/roles/`).set(b.auth).send({ roles: [] }),
      ];
      for (const res of await Promise.all(onAMember)) expect(res.status).toBe(404);
      expect((await t.sql.query('select * from users where id = $1', [aMember.userId])).rows[0]).toEqual(before);

      const withAWarehouse = await t.http
        .put(`${TEAM}/${bMember.userId}/roles/`)
        .set(b.auth)
        .send({ roles: [{ warehouse_id: aWarehouse.id, role: 'admin', is_primary: true }] });
      expect(withAWarehouse.status).toBe(404);
      const withARole = await t.http
        .put(`${TEAM}/${bMember.userId}/roles/`)
        .set(b.auth)
        .send({ roles: [{ warehouse_id: bWarehouse.id, role_id: aRole.id, is_primary: true }] });
      expect(withARole.status).toBe(404);
      const { rows } = await t.sql.query('select count(*)::int as n from warehouse_assignments where user_id = $1', [bMember.userId]);
      expect(rows[0].n).toBe(0);

      const list = await t.http.get(`${TEAM}/?page_size=100`).set(b.auth);
      expect(list.body.results.map((m: { id: number }) => m.id).sort()).toEqual([b.userId, bMember.userId].sort());
      const byForeignRole = await t.http.get(`${TEAM}/?role=${aRole.id}`).set(b.auth);
      expect(byForeignRole.body.count).toBe(0);
    });
  });
});
