import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { AppLogger } from './startup-logger';
import { CREDENTIAL_HEADERS, REDACTED, redactQuery, redactUrl } from './redaction';

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
          // Credentials never reach a log line: not in headers (every spelling), not in the URL or query.
          serializers: {
            req: stdSerializers.wrapRequestSerializer((req) => {
              const headers = { ...req.headers };
              for (const name of CREDENTIAL_HEADERS) if (name in headers) headers[name] = REDACTED;
              return Object.assign(req, { url: redactUrl(req.url), query: redactQuery(req.query), headers });
            }),
          },
          redact: { paths: ['*.password', '*.refresh', '*.token', '*.passwordHash', '*.password_hash'], censor: REDACTED },
          // Middleware sees req.url relative to its mount point; originalUrl is the real path.
          autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').startsWith('/health') },
        },
        // Explicit, so the prefix-excluded /health routes are not matched (and logged) twice.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
