import { registerCompany } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });
  it('registers', async () => {
    const tenant = await registerCompany(t.http);
    const res = await t.http.get('/api/v1/accounts/auth/me/').set(tenant.auth);
    expect(res.status).toBe(200);
  });
});
