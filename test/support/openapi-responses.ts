import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/**
 * The OpenAPI document as partners generate SDKs from it (the committed openapi.json), checked
 * against what the server really answers: every JSON response an e2e test receives must be
 * documented for its operation and status, and match that status's schema.
 */
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation['responses'] extends infer R ? { responses: R } : never>>;
  components: { schemas: Record<string, object> };
}

const documentPath = join(__dirname, '..', '..', 'openapi.json');
let loaded: { operations: Operation[]; ajv: Ajv } | undefined;
const compiled = new Map<string, ValidateFunction>();

function load(): { operations: Operation[]; ajv: Ajv } {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(documentPath, 'utf8')) as Document;
  // OpenAPI 3.0 schemas: `nullable`, `example` and friends are keywords of the dialect.
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addSchema(nullableAsJsonSchema({ components: doc.components }) as object, 'openapi.json');
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
    for (const [method, op] of Object.entries(item)) operations.push({ method, template, pattern, responses: op.responses });
  }
  return (loaded = { operations, ajv });
}

/** The documented operation a request reaches: /api/x and /api/v1/x are one route; a trailing slash is ignored. */
export function operationFor(method: string, url: string): Operation | undefined {
  const path = new URL(url, 'http://x').pathname.replace(/^\/api\/(?!v1\/)/, '/api/v1/');
  const m = method.toLowerCase();
  return load().operations.find((o) => o.method === m && o.pattern.test(path));
}

/** Why a response does not match the document, or null when it does. */
export function responseMismatch(method: string, url: string, res: Pick<Response, 'status' | 'body' | 'headers' | 'text'>): string | null {
  const op = operationFor(method, url);
  // Unknown routes are not in the document (their 404 is the unknown route's); nothing to check.
  if (!op) return null;
  if (res.status >= 200 && res.status < 300) recordExercised(op);
  // Node's HTTP parser answers 431 for headers or URLs too large to read, before any route runs.
  if (res.status === 431) return null;
  const documented = op.responses[String(res.status)] ?? op.responses.default;
  const where = `${method.toUpperCase()} ${op.template} → ${res.status}`;
  if (!documented) return `${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`;
  const json = /application\/(problem\+)?json/.test(String(res.headers['content-type'] ?? ''));
  const schema = documented.content?.['application/json']?.schema;
  if (!json || res.text === '' || res.text === undefined) return null;
  if (!schema) return `${where}: a JSON body, but the document describes none`;
  const key = `${op.method} ${op.template} ${res.status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = load().ajv.compile(nullableAsJsonSchema(rebase(schema)) as object);
    compiled.set(key, validate);
  }
  if (validate(res.body)) return null;
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
  return `${where}: body does not match its schema: ${errors.join('; ')}`;
}

/** `#/components/...` references, resolved against the document registered as openapi.json. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"openapi.json#/')) as object;
}

/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'enum', 'default', 'const']);

/**
 * OpenAPI 3.0's `nullable: true` as SDK generators read it: the value may be null, whatever
 * else the schema says (also with `allOf: [$ref]`, the form a nullable reference takes).
 */
function nullableAsJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = DATA_KEYWORDS.has(k) ? v : nullableAsJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

/** Operations some test called successfully, one line each, for the coverage check at the end of the run (operation-coverage-reporter.js). */
const exercised = new Set<string>();
function recordExercised(op: Operation): void {
  const line = `${op.method.toUpperCase()} ${op.template}`;
  if (exercised.has(line) || !process.env.STOCKROOM_EXERCISED_FILE) return;
  exercised.add(line);
  appendFileSync(process.env.STOCKROOM_EXERCISED_FILE, `${line}\n`);
}
