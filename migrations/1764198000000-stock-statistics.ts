import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StockStatistics1764198000000 implements MigrationInterface {
  name = 'StockStatistics1764198000000';

  async up(db: QueryRunner): Promise<void> {
    // A warehouse or product id implies its company. Without these statistics PostgreSQL multiplies
    // the selectivities and expects a company's warehouse to hold a few dozen stock rows instead of
    // thousands, and plans per-warehouse reads (a stock list's page) as full scans and sorts.
    await db.query('create statistics st_stock_levels_company_warehouse (dependencies) on company_id, warehouse_id from stock_levels');
    await db.query('create statistics st_stock_levels_company_product (dependencies) on company_id, product_id from stock_levels');
    await db.query('analyze stock_levels');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop statistics st_stock_levels_company_product');
    await db.query('drop statistics st_stock_levels_company_warehouse');
  }
}
