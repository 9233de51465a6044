import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two functions for the hottest paths:
 * - `stockroom_require(ok, message)` fails the statement with SQLSTATE SR409 when `ok` is
 *   false: a reservation sent together with its COMMIT must abort the transaction, not
 *   commit an order that holds nothing.
 * - `identity_active_user` in PL/pgSQL, which keeps its query's plan for the session; as a
 *   SQL function (never inlined, being SECURITY DEFINER) it was planned on every request.
 */
export class OrderPlacementFunctions1764169200000 implements MigrationInterface {
  name = 'OrderPlacementFunctions1764169200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create function stockroom_require(ok boolean, message text) returns boolean
      language plpgsql volatile
      as $$
      begin
        if ok is not true then
          raise exception using errcode = 'SR409', message = message;
        end if;
        return true;
      end
      $$`);
    await db.query(`
      create or replace function identity_active_user(p_user_id integer, p_company_id integer, p_jti uuid)
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
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop function stockroom_require(boolean, text)');
    await db.query(`
      create or replace function identity_active_user(p_user_id integer, p_company_id integer, p_jti uuid)
      returns table (id integer, company_id integer, role text)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select u.id, u.company_id, u.role
          from users u
         where u.id = p_user_id and u.company_id = p_company_id and u.is_active
           and not exists (select 1 from revoked_access_tokens r where r.jti = p_jti)
      $$`);
  }
}
