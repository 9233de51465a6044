import type { OpenAPIObject } from '@nestjs/swagger';
import { EVENT_TYPES } from './event-types';

type Schema = Record<string, unknown>;

/** A schema that describes `value`, as its example shows it (null: a field that may be null). */
function schemaOf(value: unknown): Schema {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? schemaOf(value[0]) : {} };
  if (typeof value === 'object') {
    return { type: 'object', properties: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, schemaOf(v)])), additionalProperties: true };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  return { type: typeof value };
}

/** `order.created` → `OrderCreatedEventData`. */
export function eventDataSchemaName(type: string): string {
  return `${type
    .split(/[._]/)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')}EventData`;
}

/**
 * Documents each event type's `data` as a schema of its own (from the catalogue's example), and
 * the events feed's `data` as one of them, so SDK users see what each type carries.
 */
export function documentEventData(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  for (const [type, { description, example }] of Object.entries(EVENT_TYPES)) {
    schemas[eventDataSchemaName(type)] = { ...schemaOf(example), description: `The data of a \`${type}\` event: ${description}`, example };
  }
  const event = schemas.EventDto as { properties?: Record<string, Schema> } | undefined;
  if (event?.properties?.data) {
    event.properties.data = {
      description: 'What happened; its shape depends on `type` (one schema per type: `<Type>EventData`).',
      anyOf: Object.keys(EVENT_TYPES).map((type) => ({ $ref: `#/components/schemas/${eventDataSchemaName(type)}` })),
    };
  }
}
