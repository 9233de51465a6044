import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

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

/** Signs up a company and its owner through the API (004 §1). */
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
