import { describePagesOnce } from './common/http/openapi-pages';
import { documentEventData } from './events/event-schemas';
import { OPERATION_IDS } from './common/http/operation-ids';
import multipart from '@fastify/multipart';
import { RequestMethod, VERSION_NEUTRAL, VersioningType } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PERMISSION_NAMES, PERMISSIONS } from './access/permissions';
import type { AppConfig } from './config/app-config';
import type { Env } from './config/env.schema';
import { validateEnv } from './config/env.schema';
import { addRequestExamples, applyWireConventions, documentEveryStatus, groupCompatibilityRoutes } from './common/http/openapi-conventions';
import { requestId } from './logging/logging.module';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'Idempotent-Replayed',
  'Location',
  'Content-Disposition',
  'RateLimit',
  'RateLimit-Policy',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/**
 * The HTTP server: trailing slashes ignored, bodies up to 1 MiB, the client IP
 * from X-Forwarded-For only with TRUST_PROXY. Built before Nest's container exists, so it
 * reads the (validated) environment directly.
 */
export function createAdapter(env: Pick<Env, 'TRUST_PROXY'> = validateEnv(process.env)): FastifyAdapter {
  return new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    requestIdHeader: false,
    genReqId: requestId,
  });
}

/**
 * Helmet's security headers (no CSP: this is an API, and Swagger UI runs inline scripts). With
 * one configuration for every route they are the same on every answer, so they are computed
 * once, where running helmet's eleven middlewares cost every request.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const collect = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet({ contentSecurityPolicy: false })({} as IncomingMessage, collect as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Routes at /api/v1/... and /api/...; health and docs outside /api. */
export function configureRoutes(app: NestFastifyApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: ['1', VERSION_NEUTRAL] });
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Stockroom API')
    .setDescription(
      'Multi-tenant warehouse and inventory management. Every route answers at /api/v1/... and at /api/...; ' +
        'this document lists the /api/v1 form. Errors share one envelope: {"error": {"code", "status", "message", "details"}}.\n\n' +
        'Each operation names the permission it needs in `x-permission` (`public` and `authenticated` need none). ' +
        'Legacy roles hold fixed sets (admin: all; manager: every read and the warehouse-side writes; operator: reads, ' +
        'products, inventory, orders and shipping; viewer: reads); custom roles hold a chosen list. Permissions:\n\n' +
        PERMISSION_NAMES.map((p) => `- \`${p}\`: ${PERMISSIONS[p]}`).join('\n'),
    )
    .setVersion('1.0.0')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => {
      const key = `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${method.replace(/\[\d+\]$/, '').replace(/^./, (c) => c.toUpperCase())}`;
      const id = OPERATION_IDS[key];
      if (!id) throw new Error(`No operationId for ${controller}.${method}: add ${key} to src/common/http/operation-ids.ts`);
      return id;
    },
  });
  applyWireConventions(document);
  groupCompatibilityRoutes(document);
  addRequestExamples(document);
  documentEveryStatus(document);
  describePagesOnce(document);
  documentEventData(document);
  // Versioning answers each route twice; keep the /api/v1 form only.
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => !path.startsWith('/api/') || path.startsWith('/api/v1/')));
  return document;
}

/** Everything main.ts and the tests share: routes, security headers, CORS, errors, docs. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  configureRoutes(app);
  // Errors Fastify raises before a route runs (bad JSON, body too large) reach ErrorFilter
  // through Nest's own Fastify error handler, so they get the same envelope.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('publicBase', '');
  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    reply.headers(security);
    (request as { publicBase?: string }).publicBase = config.publicUrl ?? '';
    done();
  });
  // A JSON content type with an empty body (a browser's DELETE sent with the app's usual
  // headers) is a request without a body, not a malformed one; anything else parses as
  // Fastify's own JSON parser does, prototype poisoning refused.
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else void json(request, body.toString('utf8'), done);
  });
  // Uploads stream (bulk import); their size limit is set per route.
  await app.register(multipart, { limits: { files: 1, fields: 10 } });
  app.enableCors({
    origin: config.corsOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // What a browser page may read: the request id, rate limits, retry hints, idempotent replays, created objects.
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
