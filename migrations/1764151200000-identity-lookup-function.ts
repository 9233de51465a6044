import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IDENTITY_ROLE } from './support/rls';

/**
 * The guard's check of a verified access token (user active, token not revoked) as one
 * statement: a SECURITY DEFINER function owned by the identity role runs with exactly that
 * role's rights and row policies, without a transaction to switch roles.
 */
export class IdentityLookupFunction1764151200000 implements MigrationInterface {
  name = 'IdentityLookupFunction1764151200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create function identity_active_user(p_user_id integer, p_company_id integer, p_jti uuid)
      returns table (id integer, company_id integer, role text)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select u.id, u.company_id, u.role
          from users u
         where u.id = p_user_id and u.company_id = p_company_id and u.is_active
           and not exists (select 1 from revoked_access_tokens r where r.jti = p_jti)
      $$`);
    await db.query(`alter function identity_active_user(integer, integer, uuid) owner to ${IDENTITY_ROLE}`);
    await db.query('revoke all on function identity_active_user(integer, integer, uuid) from public');
    await db.query('grant execute on function identity_active_user(integer, integer, uuid) to current_user');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop function identity_active_user(integer, integer, uuid)');
  }
}
