import type { Tenant } from '../support/factories';
import { addMember, createRole, createWarehouse, PASSWORD, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const PROFILE = '/api/v1/accounts/auth/profile/';

describe('profile and password', () => {
  let t: TestApp;
  let owner: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  describe('GET/PUT/PATCH profile/', () => {
    it('reads the same record as me/', async () => {
      const profile = await t.http.get(PROFILE).set(owner.auth);
      const me = await t.http.get('/api/v1/accounts/auth/me/').set(owner.auth);
      expect(profile.status).toBe(200);
      expect(profile.body).toEqual(me.body);
    });

    it("PATCH changes the editable fields as 004's example does", async () => {
      const user = await registerCompany(t.http);
      const body = {
        email: `new-${user.email}`,
        first_name: 'Jane',
        last_name: 'Smith',
        employee_code: 'EMP002',
        job_title: 'Supervisor',
        phone: '+1987654321',
        mobile: '+1987654322',
        language: 'es',
        time_zone: 'America/Los_Angeles',
        is_warehouse_operator: false,
      };
      const res = await t.http.patch(PROFILE).set(user.auth).send(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...body, id: user.userId, username: user.username });
      const { rows } = await t.sql.query('select email, time_zone from users where id = $1', [user.userId]);
      expect(rows[0]).toEqual({ email: body.email, time_zone: 'America/Los_Angeles' });
    });

    it('ignores the read-only fields 004 lists instead of rejecting them', async () => {
      const user = await registerCompany(t.http);
      const before = (await t.http.get(PROFILE).set(user.auth)).body;
      const res = await t.http
        .patch(PROFILE)
        .set(user.auth)
        .send({ ...before, id: 999, username: 'hijack', company_id: 999, is_superuser: true, is_staff: false, is_active: false, first_name: 'Changed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.userId,
        username: user.username,
        company_id: user.companyId,
        is_superuser: false,
        is_staff: true,
        is_active: true,
        first_name: 'Changed',
      });
    });

    it('still rejects fields that are neither editable nor read-only', async () => {
      const res = await t.http.patch(PROFILE).set(owner.auth).send({ role: 'admin', password: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.role).toEqual(['This field is not allowed.']);
      expect(res.body.password).toEqual(['This field is not allowed.']);
    });

    it('PUT requires email; a taken email is a field error', async () => {
      const other = await registerCompany(t.http);
      const missing = await t.http.put(PROFILE).set(owner.auth).send({ first_name: 'X' });
      expect(missing.status).toBe(400);
      expect(missing.body.email).toEqual(['This field is required.']);
      const taken = await t.http.put(PROFILE).set(owner.auth).send({ email: other.email.toUpperCase() });
      expect(taken.status).toBe(400);
      expect(taken.body.email).toEqual(['A user with that email already exists.']);
      const ok = await t.http.put(PROFILE).set(owner.auth).send({ email: owner.email, job_title: 'Owner' });
      expect(ok.status).toBe(200);
      expect(ok.body.job_title).toBe('Owner');
    });

    it('needs credentials', async () => {
      expect((await t.http.get(PROFILE)).status).toBe(401);
      expect((await t.http.patch(PROFILE).send({ first_name: 'x' })).status).toBe(401);
      expect((await t.http.put(PROFILE).send({ email: 'x@example.com' })).status).toBe(401);
    });
  });

  describe('warehouses on login and me/', () => {
    it("lists the user's assignments with role names and the primary flag", async () => {
      const admin = await registerCompany(t.http);
      const w1 = await createWarehouse(t.http, admin, { code: 'WH-001', name: 'Main Warehouse' });
      const w2 = await createWarehouse(t.http, admin, { code: 'WH-002', name: 'Second' });
      const role = await createRole(t.http, admin, ['inventory.read'], 'Manager');
      const member = await addMember(t.http, admin);
      const put = await t.http
        .put(`/api/v1/accounts/team/${member.userId}/roles/`)
        .set(admin.auth)
        .send({
          roles: [
            { warehouse_id: w1.id, role_id: role.id, is_primary: true },
            { warehouse_id: w2.id, role: 'operator' },
          ],
        });
      expect(put.status).toBe(200);

      const expected = [
        { warehouse_id: w1.id, warehouse_code: 'WH-001', warehouse_name: 'Main Warehouse', role: 'Manager', is_primary: true },
        { warehouse_id: w2.id, warehouse_code: 'WH-002', warehouse_name: 'Second', role: 'operator', is_primary: false },
      ];
      const login = await t.http.post('/api/v1/accounts/auth/login/').send({ email: member.email, password: PASSWORD });
      expect(login.body.user.warehouses).toEqual(expected);
      const me = await t.http.get('/api/v1/accounts/auth/me/').set('Authorization', `Bearer ${login.body.access}`);
      expect(me.body.warehouses).toEqual(expected);
    });
  });

  describe('POST change-password/', () => {
    const CHANGE = '/api/v1/accounts/auth/change-password/';

    it('changes the password, keeps this session and ends the others', async () => {
      const user = await registerCompany(t.http);
      const elsewhere = await t.http.post('/api/v1/accounts/auth/login/').send({ email: user.email, password: PASSWORD });
      const res = await t.http
        .post(CHANGE)
        .set(user.auth)
        .send({ old_password: PASSWORD, new_password: 'Brand-New-Pass-7', new_password_confirm: 'Brand-New-Pass-7' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Password changed successfully.' });

      const oldLogin = await t.http.post('/api/v1/accounts/auth/login/').send({ email: user.email, password: PASSWORD });
      expect(oldLogin.status).toBe(400);
      const newLogin = await t.http.post('/api/v1/accounts/auth/login/').send({ email: user.email, password: 'Brand-New-Pass-7' });
      expect(newLogin.status).toBe(200);

      expect((await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: elsewhere.body.refresh })).status).toBe(401);
      expect((await t.http.post('/api/v1/accounts/auth/refresh/').send({ refresh: user.refresh })).status).toBe(200);
    });

    it('reports a wrong old password, a mismatch and a weak new password', async () => {
      const user = await registerCompany(t.http);
      const res = await t.http.post(CHANGE).set(user.auth).send({ old_password: 'wrong-one', new_password: '12345678', new_password_confirm: '87654321' });
      expect(res.status).toBe(400);
      expect(res.body.old_password).toEqual(['Your old password was entered incorrectly. Please enter it again.']);
      expect(res.body.new_password_confirm).toEqual(["The two password fields didn't match."]);
      expect(res.body.new_password).toEqual(['This password is entirely numeric.', 'This password is too common.']);
      const login = await t.http.post('/api/v1/accounts/auth/login/').send({ email: user.email, password: PASSWORD });
      expect(login.status).toBe(200);
    });

    it('requires all three fields and credentials', async () => {
      const res = await t.http.post(CHANGE).set(owner.auth).send({});
      expect(res.status).toBe(400);
      expect(
        Object.keys(res.body)
          .filter((k) => k !== 'error')
          .sort(),
      ).toEqual(['new_password', 'new_password_confirm', 'old_password']);
      expect((await t.http.post(CHANGE).send({})).status).toBe(401);
    });
  });
});
