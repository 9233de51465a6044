import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { EmbeddedServer } from '../../src/database/embedded-postgres';

/** Shared between globalSetup and globalTeardown, which run in the same process. */
export const testState: { server?: EmbeddedServer } = {};

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.STOCKROOM_TEST_ADMIN_URL;
  const template = process.env.STOCKROOM_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('The e2e global setup did not run');
  const name = `stockroom_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
