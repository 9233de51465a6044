import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every stock change rewrites the row's index entries; these two earned less than they
 * cost. (company_id, product_id) is the prefix of the unique slot index already, and
 * ordering one company's rows by updated_at is a small sort.
 */
export class LeanerStockIndexes1764147600000 implements MigrationInterface {
  name = 'LeanerStockIndexes1764147600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('drop index ix_stock_levels_product');
    await db.query('drop index ix_stock_levels_updated');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('create index ix_stock_levels_product on stock_levels (company_id, product_id)');
    await db.query('create index ix_stock_levels_updated on stock_levels (company_id, updated_at, id)');
  }
}
