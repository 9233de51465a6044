import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StockTypes1764205200000 implements MigrationInterface {
  name = 'StockTypes1764205200000';

  async up(db: QueryRunner): Promise<void> {
    // What kind of stock a bin holds (sellable, damaged, returns, quarantine...): every stock row
    // in a bin has its bin's type, stock kept at warehouse level is standard. A stock-list rule
    // may count only some types, so a channel is never offered damaged or held-back stock.
    await db.query(`alter table stock_locations add column stock_type text not null default 'standard' check (stock_type ~ '^[a-z][a-z0-9_-]{0,31}$')`);
    await db.query(`alter table stock_list_rules add column stock_types text[] check (cardinality(stock_types) between 1 and 20)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('alter table stock_list_rules drop column stock_types');
    await db.query('alter table stock_locations drop column stock_type');
  }
}
