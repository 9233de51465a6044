import { Client } from 'pg';
import { testState } from './test-database';

export default async function globalTeardown(): Promise<void> {
  if (testState.server) {
    await testState.server.stop();
    return;
  }
  const admin = new Client({ connectionString: process.env.STOCKROOM_TEST_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${process.env.STOCKROOM_TEST_TEMPLATE} with (force)`);
  await admin.end();
}
