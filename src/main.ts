import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { configureApp, createAdapter } from './app.setup';
import { AppConfig } from './config/app-config';
import { AppLogger } from './logging/startup-logger';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), createAdapter(), { bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  const config = app.get(AppConfig);
  await configureApp(app, config);
  await app.listen(config.port, config.host);
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  const data = config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `embedded PostgreSQL in ${join(config.dataDir, 'pg')}`;
  logger.log(`Stockroom API at ${base}/api/v1/ · Swagger UI at ${base}/docs · data: ${data}`, 'Stockroom');
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
