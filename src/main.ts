import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp, createAdapter } from './app.setup';
import { AppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), createAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  await configureApp(app, config);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`Stockroom API on http://localhost:${config.port} (docs at /docs)`);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
