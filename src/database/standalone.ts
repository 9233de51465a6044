import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.schema';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * A DataSource for command-line scripts (migrations), on DATABASE_URL or the same embedded
 * server `npm start` uses. Returns a function that releases both.
 */
export async function openStandalone(): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const env = validateEnv(process.env);
  const embedded = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: join(resolve(env.DATA_DIR), 'pg'), database: 'stockroom', persistent: true });
  const url = env.DATABASE_URL ?? embedded!.url('stockroom');
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
