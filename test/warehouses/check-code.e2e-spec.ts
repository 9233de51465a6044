import type { Tenant } from '../support/factories';
import { addMember, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const CHECK = '/api/v1/masterdata/warehouses/check-code/';

describe('check-code', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let companyName: string;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    b = await registerCompany(t.http);
    await createWarehouse(t.http, a, { code: 'WH-001' });
    await createWarehouse(t.http, b, { code: 'B-ONLY' });
    companyName = (await t.http.get('/api/v1/accounts/company/').set(a.auth)).body.name;
  });
  afterAll(() => t.close());

  it("answers for the caller's company, by POST and by GET", async () => {
    const taken = await t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'WH-001' });
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ exists: true, warehouse_code: 'WH-001', company_id: a.companyId, company_name: companyName });
    const free = await t.http.get(`${CHECK}?warehouse_code=WH-999`).set(a.auth);
    expect(free.body).toEqual({ exists: false, warehouse_code: 'WH-999', company_id: a.companyId, company_name: companyName });
    // Another company's code is not visible.
    expect((await t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'B-ONLY' })).body.exists).toBe(false);
  });

  it("honours company_id and user_id inside the caller's company", async () => {
    const member = await addMember(t.http, a);
    const byCompany = await t.http.get(`${CHECK}?warehouse_code=WH-001&company_id=${a.companyId}`).set(a.auth);
    expect(byCompany.body.exists).toBe(true);
    const byUser = await t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'WH-001', user_id: member.userId });
    expect(byUser.body).toMatchObject({ exists: true, company_id: a.companyId });
  });

  it('answers 404 with no company name for another or unknown company or user', async () => {
    const attempts = [
      t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'B-ONLY', company_id: b.companyId }),
      t.http.get(`${CHECK}?warehouse_code=B-ONLY&company_id=${b.companyId}`).set(a.auth),
      t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'B-ONLY', user_id: b.userId }),
      t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'X', company_id: 999999 }),
      t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'X', user_id: 999999 }),
      // company_id wins over user_id.
      t.http.post(CHECK).set(a.auth).send({ warehouse_code: 'X', company_id: b.companyId, user_id: a.userId }),
    ];
    const bName = (await t.http.get('/api/v1/accounts/company/').set(b.auth)).body.name;
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(bName);
    }
  });

  it('requires warehouse_code and valid ids, and credentials', async () => {
    const res = await t.http.post(CHECK).set(a.auth).send({ company_id: 'abc' });
    expect(res.status).toBe(400);
    expect(res.body.warehouse_code).toEqual(['This field is required.']);
    expect(res.body.company_id).toEqual(['A valid integer is required.']);
    expect((await t.http.get(CHECK).set(a.auth)).status).toBe(400);
    expect((await t.http.post(CHECK).send({ warehouse_code: 'WH-001' })).status).toBe(401);
    expect((await t.http.get(`${CHECK}?warehouse_code=WH-001`)).status).toBe(401);
  });
});
