import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createFoldedTotals, dropFoldedTotals } from './support/folded-totals';

/** Per statement, one chance in this many to fold the company's pending changes into its totals. */
export const FOLD_ONE_IN = 64;

/** The figures of a set of stock rows, signed so that old rows subtract and new rows add. */
const SIGNED_FIGURES = `
  select r.sign, r.company_id, r.warehouse_id, p.category,
         r.sign * r.on_hand as on_hand, r.sign * r.reserved as reserved, r.sign * r.on_hand * p.price as value,
         case when r.stock_status <> 'normal' then r.sign else 0 end as low,
         case when r.stock_status = 'out' then r.sign else 0 end as out,
         case when r.sign * r.inserted_or_deleted > 0 then 1 else 0 end as structural
    from changed r join products p on p.company_id = r.company_id and p.id = r.product_id`;

/** Appends the summed figures per group (a CTE, so the one company it wrote lands in `company`). */
const RECORD = `
  , recorded as (
  insert into stock_total_changes (company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out, structural)
  select company_id, warehouse_id, category, sum(sign), sum(on_hand), sum(reserved), sum(value), sum(low), sum(out), sum(structural)
    from figures group by company_id, warehouse_id, category
  having sum(sign) <> 0 or sum(on_hand) <> 0 or sum(reserved) <> 0 or sum(value) <> 0 or sum(low) <> 0 or sum(out) <> 0
  returning company_id)
  select min(company_id) into company from recorded`;

/** The function behind the trigger on `op` of stock rows, as this migration made it (a later one replaces two of them). */
export function stockTotalsFunction(op: 'insert' | 'update' | 'delete'): string {
  const changed =
    op === 'insert'
      ? `select 1 as sign, 1 as inserted_or_deleted, * from new_rows`
      : op === 'delete'
        ? `select -1 as sign, -1 as inserted_or_deleted, * from old_rows`
        : `select 1 as sign, 0 as inserted_or_deleted, * from new_rows union all select -1 as sign, 0 as inserted_or_deleted, * from old_rows`;
  return `
    create or replace function stock_totals_on_${op}() returns trigger language plpgsql as $$
    declare
      company integer;
    begin
      with changed as (${changed}), figures as (${SIGNED_FIGURES})
      ${RECORD};
      if company is not null and random() < 1.0 / ${FOLD_ONE_IN} then
        perform stock_totals_fold(company);
      end if;
      return null;
    end $$`;
}

export class DashboardTotals1764194400000 implements MigrationInterface {
  name = 'DashboardTotals1764194400000';

  async up(db: QueryRunner): Promise<void> {
    // The dashboard's stock figures per company, warehouse and category, kept by the statements
    // that change stock rows or the price and category of their products (triggers, so no write
    // path can forget them). Writers only append to stock_total_changes, so no two transactions
    // ever wait on each other or deadlock over a shared total; now and then one of them folds
    // the company's changes into stock_totals, and readers add the few not yet folded.
    await createFoldedTotals(db, {
      totals: 'stock_totals',
      changes: 'stock_total_changes',
      keys: { warehouse_id: 'integer', category: 'text' },
      figures: {
        stock_rows: 'integer',
        on_hand: 'bigint',
        reserved: 'bigint',
        value: 'numeric(20, 2)',
        low: 'integer',
        out: 'integer',
        structural: 'bigint',
      },
    });

    // `structural` only ever grows: one per stock row created or removed. Its sum tells a reader
    // whether the set of a company's stock rows is still the one it counted before (see the
    // stock lists' count). That holds only if a row never changes what it is stock of, so that
    // is refused here (a warehouse's allow_negative_stock still cascades to its rows).
    await db.query(`
      create function stock_levels_keys_fixed() returns trigger language plpgsql as $$
      begin
        if (new.company_id, new.product_id, new.warehouse_id, new.location_id) is distinct from
           (old.company_id, old.product_id, old.warehouse_id, old.location_id) then
          raise exception 'A stock row keeps its product, warehouse and bin; move stock with a transfer' using errcode = 'SR422';
        end if;
        return new;
      end $$`);
    await db.query(`
      create trigger stock_levels_keys_fixed before update of company_id, product_id, warehouse_id, location_id on stock_levels
        for each row execute function stock_levels_keys_fixed()`);

    for (const op of ['insert', 'update', 'delete'] as const) {
      await db.query(stockTotalsFunction(op));
      const referencing = [op !== 'delete' && 'new table as new_rows', op !== 'insert' && 'old table as old_rows'].filter(Boolean).join(' ');
      await db.query(`
        create trigger stock_totals_on_${op} after ${op} on stock_levels referencing ${referencing}
          for each statement execute function stock_totals_on_${op}()`);
    }

    // A product's new price or category moves the figures of all its stock rows. Locking those
    // rows (FOR SHARE) orders this with any concurrent change of them, so each side counts the
    // other's committed values and the totals stay exact.
    await db.query(`
      create function stock_totals_on_product_update() returns trigger language plpgsql as $$
      declare
        company integer;
      begin
        with moved as (
          select n.company_id, n.id, o.price as old_price, n.price as new_price, o.category as old_category, n.category as new_category
            from new_rows n join old_rows o on o.id = n.id
           where o.price <> n.price or o.category <> n.category
        ), locked as (
          select s.company_id, s.product_id, s.warehouse_id, s.on_hand, s.reserved, s.stock_status
            from stock_levels s
           where (s.company_id, s.product_id) in (select company_id, id from moved)
           order by s.id for share
        ), figures as (
          select v.sign, s.company_id, s.warehouse_id, case when v.sign = 1 then m.new_category else m.old_category end as category,
                 v.sign * s.on_hand as on_hand, v.sign * s.reserved as reserved,
                 v.sign * s.on_hand * case when v.sign = 1 then m.new_price else m.old_price end as value,
                 case when s.stock_status <> 'normal' then v.sign else 0 end as low,
                 case when s.stock_status = 'out' then v.sign else 0 end as out, 0 as structural
            from moved m join locked s on s.company_id = m.company_id and s.product_id = m.id
           cross join (values (1), (-1)) as v (sign)
        )
        ${RECORD};
        return null;
      end $$`);
    await db.query(`
      create trigger stock_totals_on_product_update after update on products referencing new table as new_rows old table as old_rows
        for each statement execute function stock_totals_on_product_update()`);

    await db.query(`
      insert into stock_totals (company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out, structural)
      select s.company_id, s.warehouse_id, p.category, count(*), sum(s.on_hand), sum(s.reserved), sum(s.on_hand * p.price),
             count(*) filter (where s.stock_status <> 'normal'), count(*) filter (where s.stock_status = 'out'), count(*)
        from stock_levels s join products p on p.company_id = s.company_id and p.id = s.product_id
       group by 1, 2, 3`);
    await this.orderTotals(db);
  }

  /**
   * The order figures move to the same shape: the trigger on orders appends its changes, a fold
   * sums them per company, month and status. The striped rows it replaces made each order lock
   * one of 64 rows until commit and left the dashboard summing thousands of them.
   */
  private async orderTotals(db: QueryRunner): Promise<void> {
    await db.query('drop trigger order_totals_apply on orders');
    await db.query('drop function order_totals_apply()');
    await db.query('alter table order_totals rename to order_totals_striped');
    // Its key's name goes with it, so the new table's key is order_totals_pkey again.
    await db.query('alter table order_totals_striped rename constraint order_totals_pkey to order_totals_striped_pkey');
    await createFoldedTotals(db, {
      totals: 'order_totals',
      changes: 'order_total_changes',
      keys: { month: 'date', status: 'text' },
      figures: { orders: 'integer', revenue: 'numeric(16, 2)' },
    });
    await db.query(`
      insert into order_totals (company_id, month, status, orders, revenue)
      select company_id, month, status, sum(orders), sum(revenue) from order_totals_striped group by 1, 2, 3`);
    await db.query('drop table order_totals_striped');
    await db.query(`
      create function order_totals_apply() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into order_total_changes (company_id, month, status, orders, revenue)
          values (old.company_id, date_trunc('month', old.created_at at time zone 'UTC')::date, old.status, -1, -old.total);
        end if;
        if tg_op <> 'DELETE' then
          insert into order_total_changes (company_id, month, status, orders, revenue)
          values (new.company_id, date_trunc('month', new.created_at at time zone 'UTC')::date, new.status, 1, new.total);
        end if;
        if random() < 1.0 / ${FOLD_ONE_IN} then
          perform order_totals_fold(case when tg_op = 'DELETE' then old.company_id else new.company_id end);
        end if;
        return null;
      end $$`);
    await db.query(`
      create trigger order_totals_apply after insert or delete or update of company_id, status, total, created_at on orders
        for each row execute function order_totals_apply()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await db.query(`drop trigger stock_totals_on_${op} on stock_levels`);
      await db.query(`drop function stock_totals_on_${op}()`);
    }
    await db.query('drop trigger stock_levels_keys_fixed on stock_levels');
    await db.query('drop function stock_levels_keys_fixed()');
    await db.query('drop trigger stock_totals_on_product_update on products');
    await db.query('drop function stock_totals_on_product_update()');
    await dropFoldedTotals(db, { totals: 'stock_totals', changes: 'stock_total_changes' });
    // Back to the striped order totals, everything in stripe 0.
    await db.query('drop trigger order_totals_apply on orders');
    await db.query('drop function order_totals_apply()');
    await db.query('select order_totals_fold(company_id) from (select distinct company_id from order_total_changes) c');
    await db.query('drop function order_totals_fold(integer)');
    await db.query('drop table order_total_changes');
    await db.query('alter table order_totals add column stripe smallint not null default 0');
    await db.query('alter table order_totals drop constraint order_totals_pkey, add primary key (company_id, month, status, stripe)');
    await db.query(`
      create function order_totals_apply() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into order_totals as t (company_id, month, status, stripe, orders, revenue)
          values (old.company_id, date_trunc('month', old.created_at at time zone 'UTC')::date, old.status, (old.id % 64)::smallint, -1, -old.total)
          on conflict (company_id, month, status, stripe) do update set orders = t.orders + excluded.orders, revenue = t.revenue + excluded.revenue;
        end if;
        if tg_op <> 'DELETE' then
          insert into order_totals as t (company_id, month, status, stripe, orders, revenue)
          values (new.company_id, date_trunc('month', new.created_at at time zone 'UTC')::date, new.status, (new.id % 64)::smallint, 1, new.total)
          on conflict (company_id, month, status, stripe) do update set orders = t.orders + excluded.orders, revenue = t.revenue + excluded.revenue;
        end if;
        return null;
      end $$`);
    await db.query(`
      create trigger order_totals_apply after insert or delete or update of company_id, status, total, created_at on orders
        for each row execute function order_totals_apply()`);
  }
}
