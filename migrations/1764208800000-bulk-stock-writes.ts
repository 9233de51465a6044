import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FOLD_ONE_IN, stockTotalsFunction } from './1764194400000-dashboard-totals';

/**
 * From how many rows a statement's totals are planned for that statement. A function's queries
 * keep the plan made at their first call in a connection, usually for an order's one row (a
 * lookup of the product per row and a sort): for a million imported rows that plan cost 6 s
 * where one made for their number costs 3 s. Planning costs about half a millisecond, which a
 * statement of this many rows does not feel and an order would.
 */
const PLANNED_FROM = 1000;

/** Appends a statement's figures to stock_total_changes; ends with the one company it wrote. */
const RECORD_INSERTED = `
  with recorded as (
    insert into stock_total_changes (company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out, structural)
    select r.company_id, r.warehouse_id, p.category, count(*), sum(r.on_hand), sum(r.reserved), sum(r.on_hand * p.price),
           count(*) filter (where r.stock_status <> 'normal'), count(*) filter (where r.stock_status = 'out'), count(*)
      from new_rows r join products p on p.id = r.product_id
     group by 1, 2, 3
    returning company_id)
  select min(company_id) from recorded`;

// A stock row never changes what it is stock of (stock_levels_keys_fixed), so an update is the
// difference between each row's new and old figures, one pass over the pairs instead of a
// signed union of both sets.
const RECORD_UPDATED = `
  with paired as (
    select n.company_id, n.warehouse_id, n.product_id, n.on_hand - o.on_hand as on_hand, n.reserved - o.reserved as reserved,
           (n.stock_status <> 'normal')::int - (o.stock_status <> 'normal')::int as low,
           (n.stock_status = 'out')::int - (o.stock_status = 'out')::int as out
      from new_rows n join old_rows o on o.id = n.id
     where n.on_hand <> o.on_hand or n.reserved <> o.reserved or n.stock_status <> o.stock_status
  ), recorded as (
    insert into stock_total_changes (company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out, structural)
    select d.company_id, d.warehouse_id, p.category, 0, sum(d.on_hand), sum(d.reserved), sum(d.on_hand * p.price), sum(d.low), sum(d.out), 0
      from paired d join products p on p.id = d.product_id
     group by 1, 2, 3
    having sum(d.on_hand) <> 0 or sum(d.reserved) <> 0 or sum(d.on_hand * p.price) <> 0 or sum(d.low) <> 0 or sum(d.out) <> 0
    returning company_id)
  select min(company_id) from recorded`;

function totalsFunction(op: 'insert' | 'update', record: string): string {
  return `
    create or replace function stock_totals_on_${op}() returns trigger language plpgsql as $fn$
    declare
      company integer;
    begin
      if (select count(*) from (select from new_rows limit ${PLANNED_FROM}) few) < ${PLANNED_FROM} then
        ${record} into company;
      else
        execute $sql$${record}$sql$ into company;
      end if;
      if company is not null and random() < 1.0 / ${FOLD_ONE_IN} then
        perform stock_totals_fold(company);
      end if;
      return null;
    end $fn$`;
}

export class BulkStockWrites1764208800000 implements MigrationInterface {
  name = 'BulkStockWrites1764208800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(totalsFunction('insert', RECORD_INSERTED));
    await db.query(totalsFunction('update', RECORD_UPDATED));

    // Ledger rows are written only by the ledger's one writer, from the stock rows the same
    // statement has just written and holds locked, so each names an existing stock row by
    // construction (as it already names that row's product and warehouse without a foreign
    // key). The foreign key's check cost a lookup and a row lock per ledger row, about a sixth
    // of a million-row import. Its cascade stays: deleting stock rows deletes their ledger rows.
    await db.query('alter table stock_movements drop constraint stock_movements_stock_level_id_fkey');
    await db.query(`
      create function stock_movements_follow_deleted_rows() returns trigger language plpgsql as $$
      begin
        delete from stock_movements m using old_rows o where m.company_id = o.company_id and m.stock_level_id = o.id;
        return null;
      end $$`);
    await db.query(`
      create trigger stock_movements_follow_deleted_rows after delete on stock_levels referencing old table as old_rows
        for each statement execute function stock_movements_follow_deleted_rows()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop trigger stock_movements_follow_deleted_rows on stock_levels');
    await db.query('drop function stock_movements_follow_deleted_rows()');
    await db.query(
      'alter table stock_movements add constraint stock_movements_stock_level_id_fkey foreign key (stock_level_id) references stock_levels (id) on delete cascade',
    );
    await db.query(stockTotalsFunction('update'));
    await db.query(stockTotalsFunction('insert'));
  }
}
