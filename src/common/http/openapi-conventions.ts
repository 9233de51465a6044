import type { OpenAPIObject } from '@nestjs/swagger';
import { INT32_MAX, INT32_MIN } from '../validation/input-rules';

const INTEGER_FIELDS = /^(id|.+_id|count|capacity|quantity|status|total_rows|processed_rows|error_count)$/;
const TIMESTAMP_FIELDS = /^(.+_at|date_joined|last_login|last_updated)$/;

type PropertySchema = { type?: string; format?: string; minimum?: number; maximum?: number };

/**
 * The wire conventions that TypeScript types cannot carry: ids and counts
 * are integers, timestamps are ISO 8601 date-times; and every integer states the 32-bit
 * range its column holds (the validation layer enforces it for every field).
 */
export function applyWireConventions(document: OpenAPIObject): void {
  const bound = (property: PropertySchema) => {
    if (property.type !== 'integer') return;
    property.minimum ??= INT32_MIN;
    property.maximum ??= INT32_MAX;
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    const properties = (schema as { properties?: Record<string, PropertySchema & { items?: PropertySchema }> }).properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if (property.type === 'number' && INTEGER_FIELDS.test(name)) property.type = 'integer';
      if (property.type === 'string' && TIMESTAMP_FIELDS.test(name)) property.format ??= 'date-time';
      bound(property);
      if (property.items) bound(property.items);
    }
  }
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, { parameters?: Array<{ name?: string; in?: string; schema?: PropertySchema }> }>)) {
      for (const parameter of operation?.parameters ?? []) {
        if (parameter.in !== 'query' || !parameter.schema) continue;
        if (parameter.schema.type === 'number' && INTEGER_FIELDS.test(parameter.name ?? '')) parameter.schema.type = 'integer';
        bound(parameter.schema);
      }
    }
  }
}

/** Routes kept for clients of older APIs, each with the route new integrations should use instead. */
const COMPATIBILITY: Array<[RegExp, string]> = [
  [
    /^\/api\/v1\/auth\/(login|register|refresh|token\/refresh|logout)$/,
    'POST /api/v1/accounts/auth/{register,login,refresh,logout}/ (JWT access and refresh tokens)',
  ],
  [/^\/api\/v1\/auth\/(user|change-password)$/, '/api/v1/accounts/auth/profile/ and /api/v1/accounts/auth/change-password/'],
  [/^\/api\/v1\/(token|expire-token)$/, 'JWT sign-in (/api/v1/accounts/auth/login/) or an integration key (/api/v1/auth/tokens/)'],
  [/^\/api\/v1\/warehouses(\/|$)/, '/api/v1/masterdata/warehouses/'],
  [/^\/api\/v1\/stocks$/, '/api/v1/inventory/items/'],
];

export const COMPATIBILITY_TAG = {
  name: 'Compatibility',
  description:
    'The same data under the paths and sign-in forms of older clients, so they work unchanged. New integrations ' +
    'should use the routes each operation names instead: sign in with /accounts/auth/ (JWT), warehouses under ' +
    '/masterdata/warehouses/, stock under /inventory/items/.',
};

/** Puts the aliases for older clients under one tag, each pointing to the route to use for new integrations. */
export function groupCompatibilityRoutes(document: OpenAPIObject): void {
  for (const [path, operations] of Object.entries(document.paths)) {
    const alias = COMPATIBILITY.find(([pattern]) => pattern.test(path));
    if (!alias) continue;
    for (const operation of Object.values(operations as Record<string, { tags?: string[]; description?: string }>)) {
      if (typeof operation !== 'object' || operation === null) continue;
      operation.tags = [COMPATIBILITY_TAG.name];
      operation.description = `${operation.description ? `${operation.description}\n\n` : ''}For older clients; new integrations use ${alias[1]}.`;
    }
  }
  document.tags = [...(document.tags ?? []).filter((t) => t.name !== COMPATIBILITY_TAG.name), COMPATIBILITY_TAG];
}

/** The parts of an OpenAPI 3.0 schema object this code reads. */
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  nullable?: boolean;
};

/**
 * An example built from a schema's own field examples, enums and defaults (required fields
 * first, then the rest), so that every request body in Swagger UI starts from something sendable.
 */
function exampleOf(schema: Schema | undefined, schemas: Record<string, Schema>, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return exampleOf(schemas[schema.$ref.split('/').pop()!], schemas, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return exampleOf(schema.allOf[0], schemas, depth + 1);
  if (schema.oneOf) return exampleOf(schema.oneOf[0], schemas, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'integer':
      return Math.max(1, schema.minimum ?? 1);
    case 'number':
      return Math.max(0, schema.minimum ?? 0) || 10.5;
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(schema.items, schemas, depth + 1)].filter((v) => v !== undefined);
    case 'string':
      return schema.format === 'date-time'
        ? '2026-01-15T09:30:00Z'
        : schema.format === 'date'
          ? '2026-01-15'
          : schema.format === 'email'
            ? 'jane@example.com'
            : 'string';
    default:
      if (!schema.properties) return undefined;
      return Object.fromEntries(
        Object.entries(schema.properties)
          .map(([name, property]) => [name, exampleOf(property, schemas, depth + 1)] as const)
          .filter(([, value]) => value !== undefined),
      );
  }
}

/** Gives every JSON request body without an example one built from its schema. */
export function addRequestExamples(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(
      operations as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> } }>,
    )) {
      const json = operation?.requestBody?.content?.['application/json'];
      if (json && json.example === undefined) json.example = exampleOf(json.schema, schemas);
    }
  }
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Validation error (a field, a path or query parameter, a header the route reads): field arrays in error.details and at the top level',
  '401': 'Missing or invalid credentials',
  '403': "Not allowed for the caller's role",
  '404': 'Not found, or belongs to another company',
  '409': 'Conflicts with the current state, or a request with the same Idempotency-Key is still being processed',
  '413': 'The request body is larger than the route accepts',
  '415': 'The body is not in a content type the route accepts',
  '422': 'This Idempotency-Key was used with a different request',
  '429': 'Rate limited: wait for Retry-After seconds',
};

/** Every credential the API accepts, as OpenAPI security schemes; each operation lists the ones it takes. */
export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from sign-in: `Authorization: Bearer <jwt>`' },
  token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'An integration key or opaque token: `Authorization: Token <key>`' },
  api_token: { type: 'apiKey', in: 'header', name: 'api_token', description: 'An integration key or opaque token in its own header' },
  x_token: { type: 'apiKey', in: 'header', name: 'X-Token', description: 'A token from `POST /api/token`' },
} as const;

type Operation = {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
  'x-permission'?: string;
};

/**
 * The statuses every operation can answer, documented where they apply, always with the error
 * envelope (also on routes whose success is CSV): 400 anywhere (list routes refuse unknown query
 * parameters, writes validate their bodies, older clients' routes read headers), 401 and the
 * credentials it takes on every non-public route, 403 where a permission is needed, 404 with
 * path ids, 413 and 415 with a body, 409 on writes, 422 on POSTs
 * (their Idempotency-Key), 429 everywhere under /api.
 */
export function documentEveryStatus(document: OpenAPIObject): void {
  document.components = { ...document.components, securitySchemes: { ...SECURITY_SCHEMES } };
  const envelope = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      const permission = operation['x-permission'];
      const statuses = ['400'];
      if (permission !== 'public') statuses.push('401');
      if (permission !== 'public' && permission !== 'authenticated') statuses.push('403');
      if (path.includes('{')) statuses.push('404');
      if (operation.requestBody) statuses.push('413', '415');
      // Writes can meet a unique value already taken or a state that no longer allows them.
      if (['post', 'put', 'patch'].includes(method) && path.startsWith('/api/')) statuses.push('409');
      if (method === 'post' && path.startsWith('/api/')) statuses.push('422');
      if (path.startsWith('/api/')) statuses.push('429');
      for (const status of statuses) operation.responses[status] ??= { description: ERROR_DESCRIPTIONS[status] };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]/.test(status)) continue;
        response.content = envelope;
        if (status === '429') response.headers = { 'Retry-After': { description: 'Seconds until the limit resets', schema: { type: 'integer' } } };
      }
      operation.security = permission === 'public' ? [] : Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] }));
    }
  }
}
