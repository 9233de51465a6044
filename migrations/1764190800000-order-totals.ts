import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByCompany } from './support/rls';

/** Orders are striped over this many rows per company, month and status, so concurrent orders rarely wait for each other. */
const STRIPES = 64;

export class OrderTotals1764190800000 implements MigrationInterface {
  name = 'OrderTotals1764190800000';

  async up(db: QueryRunner): Promise<void> {
    // The dashboard's order figures, kept by the transactions that write orders: counts and sums
    // per company, calendar month (UTC) and status. A trigger keeps them, so no write path can
    // forget to.
    await db.query(`
      create table order_totals (
        company_id integer not null,
        month date not null,
        status text not null,
        stripe smallint not null,
        orders integer not null default 0,
        revenue numeric(14, 2) not null default 0,
        primary key (company_id, month, status, stripe)
      )`);
    await isolateByCompany(db, 'order_totals');
    await db.query(`
      create function order_totals_apply() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into order_totals as t (company_id, month, status, stripe, orders, revenue)
          values (old.company_id, date_trunc('month', old.created_at at time zone 'UTC')::date, old.status, (old.id % ${STRIPES})::smallint, -1, -old.total)
          on conflict (company_id, month, status, stripe) do update set orders = t.orders + excluded.orders, revenue = t.revenue + excluded.revenue;
        end if;
        if tg_op <> 'DELETE' then
          insert into order_totals as t (company_id, month, status, stripe, orders, revenue)
          values (new.company_id, date_trunc('month', new.created_at at time zone 'UTC')::date, new.status, (new.id % ${STRIPES})::smallint, 1, new.total)
          on conflict (company_id, month, status, stripe) do update set orders = t.orders + excluded.orders, revenue = t.revenue + excluded.revenue;
        end if;
        return null;
      end $$`);
    await db.query(`
      create trigger order_totals_apply after insert or delete or update of company_id, status, total, created_at on orders
        for each row execute function order_totals_apply()`);
    await db.query(`
      insert into order_totals (company_id, month, status, stripe, orders, revenue)
      select company_id, date_trunc('month', created_at at time zone 'UTC')::date, status, (id % ${STRIPES})::smallint, count(*), sum(total)
        from orders group by 1, 2, 3, 4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop trigger order_totals_apply on orders');
    await db.query('drop function order_totals_apply()');
    await db.query('drop table order_totals');
  }
}
