import type { Tenant } from '../support/factories';
import { addMember, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('company and onboarding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("GET company/ answers every field 004 lists, with sign-up's company_* fields", async () => {
    const owner = await registerCompany(t.http, {
      company_name: 'Company Fields Inc',
      company_legal_name: 'My Company Inc LLC',
      company_email: 'company@example.com',
      company_phone: '+1234567890',
      company_website: 'https://company.com',
      company_address_line1: '123 Main St',
      company_address_line2: 'Suite 100',
      company_city: 'New York',
      company_state: 'NY',
      company_postal_code: '10001',
      company_country: 'United States',
      company_tax_id: 'TAX123',
      company_registration_number: 'REG456',
    });
    const res = await t.http.get('/api/v1/accounts/company/').set(owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: owner.companyId,
      name: 'Company Fields Inc',
      legal_name: 'My Company Inc LLC',
      email: 'company@example.com',
      phone: '+1234567890',
      website: 'https://company.com',
      address_line1: '123 Main St',
      address_line2: 'Suite 100',
      city: 'New York',
      state: 'NY',
      postal_code: '10001',
      country: 'United States',
      tax_id: 'TAX123',
      registration_number: 'REG456',
      is_active: true,
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    expect((await t.http.get('/api/v1/accounts/company/')).status).toBe(401);
  });

  it("walks 004's onboarding flow from sign-up to complete", async () => {
    const owner = await registerCompany(t.http);
    const status = () => t.http.get('/api/v1/accounts/onboarding/status/').set(owner.auth);

    expect((await status()).body).toEqual({
      is_complete: false,
      company_info_complete: false,
      has_warehouse: false,
      missing_fields: ['email', 'country'],
      warehouse_count: 0,
    });

    const missing = await t.http.patch('/api/v1/accounts/onboarding/').set(owner.auth).send({ city: 'Boston' });
    expect(missing.status).toBe(400);
    expect(missing.body.email).toEqual(['This field is required.']);
    expect(missing.body.country).toEqual(['This field is required.']);

    const done = await t.http
      .patch('/api/v1/accounts/onboarding/')
      .set(owner.auth)
      .send({ email: 'company@example.com', country: 'United States', legal_name: 'My Company Inc LLC' });
    expect(done.status).toBe(200);
    expect(done.body.message).toBe('Company onboarding information updated successfully.');
    expect(done.body.company).toMatchObject({ id: owner.companyId, email: 'company@example.com', country: 'United States', legal_name: 'My Company Inc LLC' });
    expect((await status()).body).toMatchObject({ company_info_complete: true, has_warehouse: false, missing_fields: [], is_complete: false });

    // Once set, single fields can change without resending email and country.
    const later = await t.http.patch('/api/v1/accounts/onboarding/').set(owner.auth).send({ city: 'Boston' });
    expect(later.status).toBe(200);
    expect(later.body.company.city).toBe('Boston');

    const inactive = await createWarehouse(t.http, owner, { is_active: false });
    expect((await status()).body).toMatchObject({ has_warehouse: false, warehouse_count: 0 });
    await createWarehouse(t.http, owner);
    expect((await status()).body).toEqual({
      is_complete: true,
      company_info_complete: true,
      has_warehouse: true,
      missing_fields: [],
      warehouse_count: 1,
    });
    expect(inactive.id).toBeGreaterThan(0);
  });

  it('validates onboarding fields and refuses unknown ones', async () => {
    const owner = await registerCompany(t.http);
    const res = await t.http.patch('/api/v1/accounts/onboarding/').set(owner.auth).send({ email: 'nope', country: 'X', website: 'not a url', name: 'Rename' });
    expect(res.status).toBe(400);
    expect(res.body.email).toEqual(['Enter a valid email address.']);
    expect(res.body.website).toEqual(['Enter a valid URL.']);
    expect(res.body.name).toEqual(['This field is not allowed.']);
  });

  it('lets only settings managers change company information', async () => {
    const owner = await registerCompany(t.http);
    const manager = await addMember(t.http, owner, { role: 'manager' });
    const res = await t.http.patch('/api/v1/accounts/onboarding/').set(manager.auth).send({ email: 'x@example.com', country: 'US' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PERMISSION_DENIED');
    expect((await t.http.get('/api/v1/accounts/onboarding/status/').set(manager.auth)).status).toBe(200);
    expect((await t.http.patch('/api/v1/accounts/onboarding/').send({})).status).toBe(401);
    expect((await t.http.get('/api/v1/accounts/onboarding/status/')).status).toBe(401);
  });

  it('shows each company only itself', async () => {
    const a: Tenant = await registerCompany(t.http);
    const b: Tenant = await registerCompany(t.http);
    expect((await t.http.get('/api/v1/accounts/company/').set(a.auth)).body.id).toBe(a.companyId);
    await t.http.patch('/api/v1/accounts/onboarding/').set(b.auth).send({ email: 'b@example.com', country: 'DE' });
    const { rows } = await t.sql.query('select email from companies where id = $1', [a.companyId]);
    expect(rows[0].email).toBe('');
  });
});
