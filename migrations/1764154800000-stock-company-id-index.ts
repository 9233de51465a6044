import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default order of a company's stock rows (and the keyset cursor) is by id. Without
 * this index PostgreSQL walks the primary key through other companies' rows to find the
 * first page of a company whose rows have high ids.
 */
export class StockCompanyIdIndex1764154800000 implements MigrationInterface {
  name = 'StockCompanyIdIndex1764154800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('create index ix_stock_levels_company_id on stock_levels (company_id, id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop index ix_stock_levels_company_id');
  }
}
