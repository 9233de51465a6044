import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';

export const PASSWORD = 'Correct-Horse-42';

export interface Tenant {
  access: string;
  refresh: string;
  userId: number;
  companyId: number;
  username: string;
  email: string;
  /** `Authorization` header for this tenant's owner. */
  auth: { Authorization: string };
}

export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** Signs up a company and its owner through the API. */
export async function registerCompany(http: TestAgent, overrides: Record<string, unknown> = {}): Promise<Tenant> {
  const username = unique('owner');
  const body = {
    company_name: unique('Company '),
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
    password_confirm: PASSWORD,
    ...overrides,
  };
  const res = await http.post('/api/v1/accounts/auth/register/').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    access: res.body.tokens.access,
    refresh: res.body.tokens.refresh,
    userId: res.body.user.id,
    companyId: res.body.company.id,
    username: body.username as string,
    email: body.email as string,
    auth: { Authorization: `Bearer ${res.body.tokens.access}` },
  };
}

/** Creates a warehouse through the API and returns its body. */
export async function createWarehouse(http: TestAgent, tenant: Tenant, overrides: Record<string, unknown> = {}) {
  const res = await http
    .post('/api/v1/masterdata/warehouses/')
    .set(tenant.auth)
    .send({ code: unique('WH-'), name: 'Main Warehouse', ...overrides });
  if (res.status !== 201) throw new Error(`create warehouse failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.warehouse as { id: number; code: string; name: string } & Record<string, unknown>;
}

/** Adds a team member through the API (as `admin`) and signs them in (004 login). */
export async function addMember(http: TestAgent, admin: Tenant, overrides: Record<string, unknown> = {}): Promise<Tenant> {
  const username = unique('member');
  const body = { username, email: `${username}@example.com`, password: PASSWORD, ...overrides };
  const created = await http.post('/api/v1/accounts/team/').set(admin.auth).send(body);
  if (created.status !== 201) throw new Error(`add member failed: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await http.post('/api/v1/accounts/auth/login/').send({ email: body.email, password: body.password });
  if (login.status !== 200) throw new Error(`member login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    access: login.body.access,
    refresh: login.body.refresh,
    userId: created.body.id,
    companyId: admin.companyId,
    username,
    email: body.email as string,
    auth: { Authorization: `Bearer ${login.body.access}` },
  };
}

/** Creates a custom role through the API. */
export async function createRole(http: TestAgent, admin: Tenant, permissions: string[], name = unique('Role ')) {
  const res = await http.post('/api/v1/roles/').set(admin.auth).send({ name, permissions });
  if (res.status !== 201) throw new Error(`create role failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; name: string; permissions: string[] };
}

/** Creates a product through the API and returns its body. */
export async function createProduct(http: TestAgent, tenant: Tenant, overrides: Record<string, unknown> = {}) {
  const res = await http
    .post('/api/v1/products/')
    .set(tenant.auth)
    .send({ name: unique('Product '), price: 9.99, ...overrides });
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; sku: string; name: string } & Record<string, unknown>;
}

/** Stocks a product in a warehouse through the API and returns the inventory item. */
export async function createItem(http: TestAgent, tenant: Tenant, body: Record<string, unknown>) {
  const res = await http.post('/api/v1/inventory/items/').set(tenant.auth).send(body);
  if (res.status !== 201) throw new Error(`create item failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; quantity: number; available_quantity: number } & Record<string, unknown>;
}

export const ADDRESS = { street: '123 Main St', city: 'Anytown', state: 'CA', zip_code: '12345', country: 'USA' };

/** Creates a customer through the API. */
export async function createCustomer(http: TestAgent, tenant: Tenant, overrides: Record<string, unknown> = {}) {
  const res = await http
    .post('/api/v1/customers/')
    .set(tenant.auth)
    .send({ name: unique('Customer '), shipping_address: ADDRESS, ...overrides });
  if (res.status !== 201) throw new Error(`create customer failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; name: string } & Record<string, unknown>;
}

/** Polls an import job until it is completed or failed (up to 25 s, within the test timeout: a loaded CI machine is slow) and returns it. */
export async function importFinished(http: TestAgent, who: Tenant, id: number) {
  const until = Date.now() + 25_000;
  while (Date.now() < until) {
    const res = await http.get(`/api/v1/inventory/imports/${id}/`).set(who.auth);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not finish within 25 s`);
}
