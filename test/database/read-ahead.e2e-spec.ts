import { Sessions } from '../../src/database/sessions';
import type { Tenant } from '../support/factories';
import { addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { poolAtRest, sqlSentDuring, startTestApp } from '../support/test-app';

/**
 * Routes that ReadsAhead (item and order detail, dashboard metrics and levels) send their one read with the caller's token
 * check: one message to PostgreSQL per request, answered only for a live credential, scoped to
 * its company.
 */
describe('reads done with the token check', () => {
  let t: TestApp;
  let a: Tenant;
  let sessions: Sessions;
  let itemId: number;
  let orderId: number;

  beforeAll(async () => {
    t = await startTestApp();
    sessions = t.app.get(Sessions);
    a = await registerCompany(t.http);
    const warehouse = await createWarehouse(t.http, a);
    const product = await createProduct(t.http, a);
    itemId = (await createItem(t.http, a, { product_id: product.id, warehouse_id: warehouse.id, quantity: 5 })).id;
    const customer = await createCustomer(t.http, a);
    const order = await t.http
      .post('/api/v1/orders/')
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 2, warehouse_id: warehouse.id }] });
    expect(order.status).toBe(201);
    orderId = order.body.id;
  });
  afterAll(() => t.close());

  /** The texts the app sends to PostgreSQL while `request` runs that check a token or execute a prepared read. */
  const messagesOf = (request: () => Promise<unknown>) => sqlSentDuring(request, /identity_active_user|execute sr_/);

  const claimsOf = (who: Tenant) => JSON.parse(Buffer.from(who.access.split('.')[1], 'base64url').toString()) as { jti: string; sid: string };
  const checkArgs = (who: Tenant) => [who.userId, who.companyId, claimsOf(who).jti, claimsOf(who).sid];

  it.each([
    ['item detail', () => `/api/v1/inventory/items/${itemId}/`],
    ['order detail', () => `/api/v1/orders/${orderId}/`],
    ['dashboard metrics', () => '/api/v1/dashboard/metrics/'],
    ['dashboard inventory levels', () => '/api/v1/dashboard/inventory-levels/'],
  ])('answers the %s with the token check and the read in one message', async (_, path) => {
    // The first request on a connection prepares the read; later ones only execute it.
    for (let i = 0; i < 4; i++) expect((await t.http.get(path()).set(a.auth)).status).toBe(200);
    let res: { status: number; body: unknown } | undefined;
    const sent = await messagesOf(async () => (res = await t.http.get(path()).set(a.auth)));
    expect(res).toMatchObject({ status: 200, body: expect.any(Object) });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^start transaction; select \* from identity_active_user\(.*\); .*execute sr_\w+\(.*\); commit$/);
  });

  it("answers another company's ids as not found, and its own as found", async () => {
    const b = await registerCompany(t.http);
    for (const path of [`/api/v1/inventory/items/${itemId}/`, `/api/v1/orders/${orderId}/`]) {
      const other = await t.http.get(path).set(b.auth);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
      expect((await t.http.get(path).set(a.auth)).status).toBe(200);
    }
  });

  it('answers ids that name nothing as not found, without reading ahead', async () => {
    for (const id of ['abc', '0', '99999999999', `${itemId}.5`]) {
      const sent = await messagesOf(async () => expect((await t.http.get(`/api/v1/inventory/items/${id}/`).set(a.auth)).status).toBe(404));
      expect(sent.some((text) => text.includes('execute sr_'))).toBe(false);
    }
  });

  it('refuses a token revoked at logout or of a deactivated member on its very next read, and shows nothing read', async () => {
    const member = await addMember(t.http, a, { role: 'viewer' });
    expect((await t.http.get(`/api/v1/orders/${orderId}/`).set(member.auth)).status).toBe(200);
    expect((await t.http.patch(`/api/v1/accounts/team/${member.userId}/`).set(a.auth).send({ is_active: false })).status).toBe(200);
    const refused = await t.http.get(`/api/v1/orders/${orderId}/`).set(member.auth);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: expect.objectContaining({ code: 'NOT_AUTHENTICATED', status: 401 }) });

    const owner = await registerCompany(t.http);
    const warehouse = await createWarehouse(t.http, owner);
    const product = await createProduct(t.http, owner);
    const item = await createItem(t.http, owner, { product_id: product.id, warehouse_id: warehouse.id, quantity: 1 });
    expect((await t.http.get(`/api/v1/inventory/items/${item.id}/`).set(owner.auth)).status).toBe(200);
    expect((await t.http.post('/api/v1/accounts/auth/logout/').set(owner.auth).send({ refresh: owner.refresh })).status).toBe(200);
    const afterLogout = await t.http.get(`/api/v1/inventory/items/${item.id}/`).set(owner.auth);
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.quantity).toBeUndefined();
  });

  it('keeps the rows for the handler that runs the same statement, and refuses any other database work in it', async () => {
    const owner = {};
    const sql = 'select name from warehouses where company_id = $1 order by id';
    const [user] = await sessions.openWithCheck<{ id: number }>(owner, a.companyId, 'identity_active_user', checkArgs(a), { sql, params: [a.companyId] });
    expect(user.id).toBe(a.userId);
    const sent = await messagesOf(() =>
      sessions.handle(
        a.companyId,
        async () => {
          expect(() => sessions.managerFor(a)).toThrow('ReadsAhead');
          await expect(sessions.commitWith(a, sql, [a.companyId + 1])).rejects.toThrow('ReadsAhead');
          expect(await sessions.commitWith<{ name: string }>(a, sql, [a.companyId])).toEqual([{ name: expect.any(String) }]);
          // Taken once: a second read has nothing to answer from.
          await expect(sessions.commitWith(a, sql, [a.companyId])).rejects.toThrow('ReadsAhead');
        },
        owner,
      ),
    );
    expect(sent).toEqual([]);
  });

  it('falls back to an open transaction when the read fails, so the handler meets the error itself', async () => {
    const owner = {};
    const failing = { sql: "select stockroom_require($1::int > 1, 'needs more than one')", params: [1] };
    const [user] = await sessions.openWithCheck<{ id: number }>(owner, a.companyId, 'identity_active_user', checkArgs(a), failing);
    expect(user.id).toBe(a.userId);
    const handled = sessions.handle(a.companyId, () => sessions.commitWith(a, failing.sql, failing.params), owner);
    await expect(handled).rejects.toMatchObject({ driverError: { code: 'SR409' } });
    expect(await sessions.tenant(a.companyId, (m) => m.query('select 1 as one'))).toEqual([{ one: 1 }]);
  });

  it('drops the read of a request refused after the check, and of a check that finds nobody, holding no connection', async () => {
    const sql = 'select id from warehouses where company_id = $1';
    const refused = {};
    await sessions.openWithCheck(refused, a.companyId, 'identity_active_user', checkArgs(a), { sql, params: [a.companyId] });
    await sessions.closeOpenedAhead(refused);
    // Nothing is left for the owner: its handler would open a transaction of its own.
    expect(await sessions.handle(a.companyId, async () => sessions.managerFor(a).query('select 2 as two'), refused)).toEqual([{ two: 2 }]);

    const nobody = {};
    const stranger = [a.userId + 100000, a.companyId, claimsOf(a).jti, claimsOf(a).sid];
    expect(await sessions.openWithCheck(nobody, a.companyId, 'identity_active_user', stranger, { sql, params: [a.companyId] })).toEqual([]);
    expect(await sessions.handle(a.companyId, async () => sessions.managerFor(a).query('select 3 as three'), nobody)).toEqual([{ three: 3 }]);

    expect(await poolAtRest(t)).toEqual({ busy: 0, waiting: 0 });
  });
});
