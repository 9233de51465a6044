import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';

/** Where log lines go: stdout unless a test overrides this provider to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Fastify's request id: the client's X-Request-Id when it is sane, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Structured JSON logs with the request id on every line; credentials never written. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useValue: undefined }],
      inject: [AppConfig, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream | undefined) => ({
        pinoHttp: {
          level: config.logLevel,
          stream: destination,
          // Fastify has already set the id (see createAdapter); pino-http reuses req.id.
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-token"]',
              'req.headers.api_token',
              'req.query.token',
              '*.password',
              '*.refresh',
              '*.token',
            ],
            censor: '[redacted]',
          },
          // Middleware sees req.url relative to its mount point; originalUrl is the real path.
          autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').startsWith('/health') },
        },
        // Explicit, so the prefix-excluded /health routes are not matched (and logged) twice.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      }),
    }),
  ],
})
export class LoggingModule {}
