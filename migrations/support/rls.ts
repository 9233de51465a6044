import type { QueryRunner } from 'typeorm';

export const APP_ROLE = 'stockroom_app';
export const IDENTITY_ROLE = 'stockroom_identity';
export const RELAY_ROLE = 'stockroom_relay';

const currentCompany = `nullif(current_setting('app.company_id', true), '')::int`;

/**
 * Row-level security for a tenant table: ENABLE + FORCE (so even the owner is filtered),
 * and a policy letting the app role see and write only rows of the company in
 * `app.company_id`. With the setting unset the policy matches nothing.
 */
export async function isolateByCompany(runner: QueryRunner, table: string, column = 'company_id'): Promise<void> {
  await runner.query(`alter table ${table} enable row level security`);
  await runner.query(`alter table ${table} force row level security`);
  await runner.query(
    `create policy tenant_isolation on ${table} to ${APP_ROLE} using (${column} = ${currentCompany}) with check (${column} = ${currentCompany})`,
  );
  await runner.query(`grant select, insert, update, delete on ${table} to ${APP_ROLE}`);
}

/** Opens an identity table to the identity role (sign-up, login, token checks; see auth/identity). */
export async function openToIdentityDoor(runner: QueryRunner, table: string, privileges: string): Promise<void> {
  await runner.query(`create policy identity_door on ${table} to ${IDENTITY_ROLE} using (true) with check (true)`);
  await runner.query(`grant ${privileges} on ${table} to ${IDENTITY_ROLE}`);
}
