import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IDENTITY_ROLE } from './support/rls';

/**
 * An access token lives only as long as its login session: the guard's lookup also refuses
 * a token whose session (refresh-token family) was revoked, by logout, password change,
 * refresh-token replay or the member's removal, so none of those waits for the token to expire.
 */
export class SessionBoundAccessTokens1764172800000 implements MigrationInterface {
  name = 'SessionBoundAccessTokens1764172800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('drop function identity_active_user(integer, integer, uuid)');
    await db.query(`
      create function identity_active_user(p_user_id integer, p_company_id integer, p_jti uuid, p_session uuid)
      returns table (id integer, company_id integer, role text)
      language plpgsql stable security definer set search_path = public, pg_temp
      as $$
      begin
        return query
          select u.id, u.company_id, u.role
            from users u
           where u.id = p_user_id and u.company_id = p_company_id and u.is_active
             and not exists (select 1 from revoked_access_tokens r where r.jti = p_jti)
             and not exists (
               select 1 from refresh_tokens t
                where t.company_id = p_company_id and t.family_id = p_session and t.revoked_at is not null);
      end
      $$`);
    await db.query(`alter function identity_active_user(integer, integer, uuid, uuid) owner to ${IDENTITY_ROLE}`);
    await db.query('revoke all on function identity_active_user(integer, integer, uuid, uuid) from public');
    await db.query('grant execute on function identity_active_user(integer, integer, uuid, uuid) to current_user');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop function identity_active_user(integer, integer, uuid, uuid)');
    await db.query(`
      create function identity_active_user(p_user_id integer, p_company_id integer, p_jti uuid)
      returns table (id integer, company_id integer, role text)
      language plpgsql stable security definer set search_path = public, pg_temp
      as $$
      begin
        return query
          select u.id, u.company_id, u.role
            from users u
           where u.id = p_user_id and u.company_id = p_company_id and u.is_active
             and not exists (select 1 from revoked_access_tokens r where r.jti = p_jti);
      end
      $$`);
    await db.query(`alter function identity_active_user(integer, integer, uuid) owner to ${IDENTITY_ROLE}`);
    await db.query('revoke all on function identity_active_user(integer, integer, uuid) from public');
    await db.query('grant execute on function identity_active_user(integer, integer, uuid) to current_user');
  }
}
