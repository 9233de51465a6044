import type { Permission } from '../../src/access/permissions';
import { LEGACY_ROLE_PERMISSIONS } from '../../src/access/permissions';
import type { Tenant } from '../support/factories';
import { addMember, createWarehouse, PASSWORD, registerCompany } from '../support/factories';
import { call } from '../support/http';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

type Operation = { 'x-permission'?: string };
type Route = { method: string; path: string; rule: string | undefined };
const LEGACY = ['admin', 'manager', 'operator', 'viewer'] as const;

/**
 * Every route of the API × every legacy role. The routes come from the OpenAPI document,
 * so a new route is covered the moment it exists, and one without a stated rule fails.
 * Ids are ones that exist nowhere and bodies are empty: a caller the guard lets through
 * gets 400/404 and nothing changes; a caller it stops gets 403.
 */
describe('permission matrix: every route × every legacy role', () => {
  let t: TestApp;
  let routes: Route[];
  const users = {} as Record<(typeof LEGACY)[number], Tenant>;

  beforeAll(async () => {
    t = await startTestApp();
    users.admin = await registerCompany(t.http);
    for (const role of ['manager', 'operator', 'viewer'] as const) users[role] = await addMember(t.http, users.admin, { role });
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, rule: op['x-permission'] })));
  });
  afterAll(() => t.close());

  async function freshSession(user: Tenant): Promise<{ Authorization: string }> {
    const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: user.email, password: PASSWORD });
    return { Authorization: `Bearer ${res.body.access}` };
  }

  it('finds every route with a stated rule', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.rule === undefined).map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([]);
  });

  it('lets each role through exactly where its permissions say', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => r.rule !== 'public')) {
      const url = route.path.replace(/\{[^}]+\}/g, '999999');
      for (const role of LEGACY) {
        // Logging out ends the session it is called with; use a throwaway one.
        const auth = route.path.endsWith('/logout') ? await freshSession(users[role]) : users[role].auth;
        const req = call(t.http, route.method, url).set(auth);
        const res = ['post', 'put', 'patch'].includes(route.method) ? await req.send({}) : await req;
        const allowed = route.rule === 'authenticated' || LEGACY_ROLE_PERMISSIONS[role].has(route.rule as Permission);
        const ok = allowed ? res.status !== 403 && res.status !== 401 && res.status < 500 : res.status === 403;
        if (!ok) mismatches.push(`${role} ${route.method.toUpperCase()} ${route.path} (${route.rule}): ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('answers 401, not 403, to callers without credentials on every protected route', async () => {
    for (const route of routes.filter((r) => r.rule !== 'public')) {
      const url = route.path.replace(/\{[^}]+\}/g, '999999');
      const res = await call(t.http, route.method, url);
      expect(`${route.method} ${route.path} ${res.status}`).toBe(`${route.method} ${route.path} 401`);
    }
  }, 60_000);

  it('spells out the rules that matter most', async () => {
    const viewerCreates = await t.http.post('/api/v1/masterdata/warehouses/').set(users.viewer.auth).send({ code: 'V-1', name: 'Viewer made' });
    expect(viewerCreates.status).toBe(403);
    expect(viewerCreates.body.error).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 });
    const operatorManagesTeam = await t.http
      .post('/api/v1/accounts/team/')
      .set(users.operator.auth)
      .send({ username: 'x', email: 'x@example.com', password: 'Correct-Horse-42' });
    expect(operatorManagesTeam.status).toBe(403);
    const operatorCreatesWarehouse = await t.http.post('/api/v1/masterdata/warehouses/').set(users.operator.auth).send({ code: 'O-1', name: 'x' });
    expect(operatorCreatesWarehouse.status).toBe(403);
    const managerCreatesWarehouse = await t.http.post('/api/v1/masterdata/warehouses/').set(users.manager.auth).send({ code: 'M-1', name: 'x' });
    expect(managerCreatesWarehouse.status).toBe(201);
    const { rows } = await t.sql.query(`select code from warehouses where code in ('V-1', 'O-1', 'M-1')`);
    expect(rows).toEqual([{ code: 'M-1' }]);
  });

  it('applies a warehouse assignment to that warehouse only', async () => {
    const admin = users.admin;
    const mine = await createWarehouse(t.http, admin);
    const other = await createWarehouse(t.http, admin);
    const viewer = await addMember(t.http, admin);
    await t.http
      .put(`/api/v1/accounts/team/${viewer.userId}/roles/`)
      .set(admin.auth)
      .send({ roles: [{ warehouse_id: mine.id, role: 'manager', is_primary: true }] });

    expect((await t.http.patch(`/api/v1/masterdata/warehouses/${mine.id}/`).set(viewer.auth).send({ city: 'Mine' })).status).toBe(200);
    const denied = await t.http.patch(`/api/v1/masterdata/warehouses/${other.id}/`).set(viewer.auth).send({ city: 'Not mine' });
    expect(denied.status).toBe(403);
    expect((await t.http.delete(`/api/v1/masterdata/warehouses/${other.id}/`).set(viewer.auth)).status).toBe(403);
    // Creating a warehouse needs the permission company-wide, not in one warehouse.
    expect((await t.http.post('/api/v1/masterdata/warehouses/').set(viewer.auth).send({ name: 'New' })).status).toBe(403);
    const { rows } = await t.sql.query('select city from warehouses where id = $1', [other.id]);
    expect(rows[0].city).toBe('');
  });

  it('gives custom roles exactly their permissions in their warehouse', async () => {
    const admin = users.admin;
    const w = await createWarehouse(t.http, admin);
    const role = (
      await t.http
        .post('/api/v1/roles/')
        .set(admin.auth)
        .send({ name: 'Warehouse editor', permissions: ['warehouses.write'] })
    ).body;
    const member = await addMember(t.http, admin);
    await t.http
      .put(`/api/v1/accounts/team/${member.userId}/roles/`)
      .set(admin.auth)
      .send({ roles: [{ warehouse_id: w.id, role_id: role.id, is_primary: true }] });
    expect((await t.http.patch(`/api/v1/masterdata/warehouses/${w.id}/`).set(member.auth).send({ name: 'Edited' })).status).toBe(200);
    await t.http
      .patch(`/api/v1/roles/${role.id}/`)
      .set(admin.auth)
      .send({ permissions: ['warehouses.read'] });
    expect((await t.http.patch(`/api/v1/masterdata/warehouses/${w.id}/`).set(member.auth).send({ name: 'Again' })).status).toBe(403);
  });
});
