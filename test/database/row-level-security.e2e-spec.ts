import { Client } from 'pg';
import type { Tenant } from '../support/factories';
import { createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * The second isolation layer, checked without the application: as the runtime role,
 * PostgreSQL itself shows and accepts only rows of the company in app.company_id.
 */
describe('row-level security', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let db: Client;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    b = await registerCompany(t.http);
    await createWarehouse(t.http, a, { code: 'A-1' });
    await createWarehouse(t.http, a, { code: 'A-2' });
    await createWarehouse(t.http, b, { code: 'B-1' });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** Runs `work` in a transaction as `role`, with app.company_id set to `company` (or unset). */
  async function as<T>(role: string, company: number | null, work: () => Promise<T>): Promise<T> {
    await db.query('begin');
    try {
      await db.query(`select set_config('app.company_id', $1, true), set_config('role', $2, true)`, [company === null ? '' : String(company), role]);
      return await work();
    } finally {
      await db.query('rollback');
    }
  }

  const codes = async () => (await db.query('select code from warehouses order by code')).rows.map((r) => r.code);

  it('shows the app role nothing while no company is set', async () => {
    expect(await as('stockroom_app', null, codes)).toEqual([]);
    expect(await as('stockroom_app', null, async () => (await db.query('select count(*)::int as n from users')).rows[0].n)).toBe(0);
  });

  it("shows only the set company's rows, even with no WHERE clause", async () => {
    expect(await as('stockroom_app', a.companyId, codes)).toEqual(['A-1', 'A-2']);
    expect(await as('stockroom_app', b.companyId, codes)).toEqual(['B-1']);
    const users = await as('stockroom_app', a.companyId, async () => (await db.query('select company_id from users')).rows);
    expect(users).toEqual([{ company_id: a.companyId }]);
    const companies = await as('stockroom_app', a.companyId, async () => (await db.query('select id from companies')).rows);
    expect(companies).toEqual([{ id: a.companyId }]);
  });

  it('refuses to insert a row for another company', async () => {
    await expect(
      as('stockroom_app', a.companyId, () => db.query(`insert into warehouses (company_id, code, name) values ($1, 'SNEAK', 'Sneaky')`, [b.companyId])),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot update, move or delete another company's rows", async () => {
    const updated = await as('stockroom_app', a.companyId, () => db.query(`update warehouses set name = 'x' where company_id = $1`, [b.companyId]));
    expect(updated.rowCount).toBe(0);
    const deleted = await as('stockroom_app', a.companyId, () => db.query('delete from warehouses where company_id = $1', [b.companyId]));
    expect(deleted.rowCount).toBe(0);
    await expect(as('stockroom_app', a.companyId, () => db.query('update warehouses set company_id = $1', [b.companyId]))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('keeps the identity role to the identity tables', async () => {
    await expect(as('stockroom_identity', null, codes)).rejects.toThrow(/permission denied/);
    const users = await as('stockroom_identity', null, async () => (await db.query('select count(*)::int as n from users')).rows[0].n);
    expect(users).toBeGreaterThanOrEqual(2);
    await expect(as('stockroom_identity', null, () => db.query(`update users set role = 'admin', is_superuser = true`))).rejects.toThrow(/permission denied/);
  });

  it('forces row-level security, with a policy, on every table that has a company column', async () => {
    const { rows } = await db.query(`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and (exists (select 1 from information_schema.columns col
                       where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'company_id')
              or c.relname = 'companies')
       order by 1`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row).toMatchObject({ enabled: true, forced: true, policies: expect.any(Number) });
    for (const row of rows) expect(row.policies).toBeGreaterThan(0);
  });

  it('gives the runtime roles neither superuser nor BYPASSRLS nor login', async () => {
    const { rows } = await db.query(
      `select rolname, rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname in ('stockroom_app', 'stockroom_identity') order by 1`,
    );
    expect(rows).toEqual([
      { rolname: 'stockroom_app', rolsuper: false, rolbypassrls: false, rolcanlogin: false },
      { rolname: 'stockroom_identity', rolsuper: false, rolbypassrls: false, rolcanlogin: false },
    ]);
  });

  it("runs the guard's identity function as the identity role, callable only by the owner", async () => {
    const { rows } = await db.query(`
      select r.rolname as owner, p.prosecdef as definer, has_function_privilege('public', p.oid, 'execute') as public_can
        from pg_proc p join pg_roles r on r.oid = p.proowner where p.proname = 'identity_active_user'`);
    expect(rows).toEqual([{ owner: 'stockroom_identity', definer: true, public_can: false }]);
    await expect(
      as('stockroom_app', a.companyId, () => db.query('select * from identity_active_user(1, 1, gen_random_uuid(), gen_random_uuid())')),
    ).rejects.toThrow(/permission denied/);
  });

  it('leaves no company or role behind on a pooled connection', async () => {
    await as('stockroom_app', a.companyId, codes);
    const { rows } = await db.query(`select current_user as role, current_setting('app.company_id', true) as company`);
    expect(rows[0].role).not.toBe('stockroom_app');
    expect(rows[0].company ?? '').toBe('');
  });
});
