import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp, createAdapter } from '../../src/app.setup';
import { AppConfig } from '../../src/config/app-config';
import { AppLogger } from '../../src/logging/startup-logger';
import { documentedAgent } from './documented-agent';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest against the running app. */
  http: TestAgent;
  /** A connection as the schema owner, to check what the database holds. */
  sql: Client;
  /** The app's database URL (owner role). */
  databaseUrl: string;
  close(): Promise<void>;
}

/** Boots the real AppModule on a fresh copy of the migrated database. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: Array<[token: unknown, value: unknown]> = [],
  options: { appLogger?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const previous = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: database.url }, env);
  try {
    const builder = Test.createTestingModule({ imports: [AppModule.forRoot()] });
    for (const [token, value] of overrides) builder.overrideProvider(token as string).useValue(value);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(), {
      // Unexpected errors (500s) still print, so a failing test shows why.
      logger: ['error'],
    });
    // As main.ts does: every log line, the error filter's too, through pino (and LOG_DESTINATION).
    if (options.appLogger) app.useLogger(app.get(AppLogger));
    await configureApp(app, app.get(AppConfig));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const sql = new Client({ connectionString: database.url });
    sql.on('error', () => undefined);
    await sql.connect();
    return {
      app,
      http: documentedAgent(request(app.getHttpServer())),
      sql,
      databaseUrl: database.url,
      close: async () => {
        await sql.end();
        await app.close();
        await database.drop();
      },
    };
  } finally {
    process.env = previous;
  }
}

/** The app's pool once its connections have come back (waiting up to a second): how many are still out, and how many callers wait. */
export async function poolAtRest(t: TestApp): Promise<{ busy: number; waiting: number }> {
  const pool = (t.app.get(DataSource).driver as unknown as { master: Pool }).master;
  for (let i = 0; i < 50 && pool.idleCount < pool.totalCount; i++) await new Promise((r) => setTimeout(r, 20));
  return { busy: pool.totalCount - pool.idleCount, waiting: pool.waitingCount };
}

/** The SQL texts the app sends to PostgreSQL while `work` runs, those matching `pattern` only. */
export async function sqlSentDuring(work: () => Promise<unknown>, pattern: RegExp): Promise<string[]> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls
      .map(([query]) => (typeof query === 'string' ? query : ((query as { text?: string }).text ?? '')))
      .filter((text) => pattern.test(text));
  } finally {
    spy.mockRestore();
  }
}
