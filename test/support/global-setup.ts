import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { databaseUrl, testState } from './test-database';

/** Whether a Redis answers PING at this URL within a second. */
async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded server in
 * a temporary folder. Migrations run once into a template; each test file copies it.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-test-'));
    chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: 'postgres', persistent: false });
    testState.server = server;
    adminUrl = server.url('postgres');
  }
  const template = `stockroom_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();

  const dataSource = await new DataSource(dataSourceOptions(databaseUrl(adminUrl, template), 2)).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  process.env.STOCKROOM_TEST_ADMIN_URL = adminUrl;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) process.env.STOCKROOM_TEST_REDIS_URL = redisUrl;
  process.env.STOCKROOM_TEST_TEMPLATE = template;
}
