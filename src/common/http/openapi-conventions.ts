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
    for (const operation of Object.values(operations as Record<string, { parameters?: Array<{ in?: string; schema?: PropertySchema }> }>)) {
      for (const parameter of operation?.parameters ?? []) if (parameter.in === 'query' && parameter.schema) bound(parameter.schema);
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
