import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HeapOnlyStockWrites1764201600000 implements MigrationInterface {
  name = 'HeapOnlyStockWrites1764201600000';

  async up(db: QueryRunner): Promise<void> {
    // A stock row changes on every order, adjustment and import. PostgreSQL can then write the
    // new version on the same page without touching any index (a heap-only update) only if no
    // indexed value changes and the page has room. `available` changes with every write, so it
    // leaves the index: what remains finds the short rows (low or out), and a row's status
    // changes far less often than its quantity. Half of each page is kept free, so a whole
    // company's rows can be rewritten in place (an import); pages written before this keep
    // their old filling until rewritten.
    await db.query('drop index ix_stock_levels_status');
    await db.query(`create index ix_stock_levels_short on stock_levels (company_id, id) where stock_status <> 'normal'`);
    await db.query('alter table stock_levels set (fillfactor = 50)');
    // The ledger only grows, in id and time order: a block-range index answers its date filters
    // at a fraction of a b-tree's cost per written row.
    await db.query('drop index ix_movements_created');
    await db.query('create index ix_movements_created on stock_movements using brin (created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop index ix_movements_created');
    await db.query('create index ix_movements_created on stock_movements (company_id, created_at, id)');
    await db.query('alter table stock_levels reset (fillfactor)');
    await db.query('drop index ix_stock_levels_short');
    await db.query('create index ix_stock_levels_status on stock_levels (company_id, stock_status, available)');
  }
}
