import { types } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// bigint (int8) ids and counts arrive as numbers: they stay far below 2^53 here.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // No parallel workers for our queries: each request's statements are short, and on a server
    // answering many requests at once, a worker per query costs more than it saves (a deep
    // page's count went from 22 to 29-33 ms with two workers on a 2-core server).
    extra: { max: poolSize, application_name: 'stockroom', options: '-c max_parallel_workers_per_gather=0' },
  };
}

/** Migration lock key: one migrator at a time when several instances boot together. */
const MIGRATION_LOCK = 742_015_001;

/** Applies pending migrations as the connection's role (the schema owner). */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
