import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Response } from 'supertest';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import type { Tenant } from '../support/factories';
import { addMember, createCustomer, createItem, createProduct, createRole, createWarehouse, PASSWORD, registerCompany, unique } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { Schema } from '../../src/common/http/openapi-conventions';

/**
 * A spec-driven fuzz run: every operation of the committed OpenAPI document is called with
 * hostile values (nulls, huge, negative and fractional numbers, NUL and control characters,
 * 20k-character strings, wrong types, unknown fields, deep nesting, malformed JSON) by a
 * signed-in owner whose company holds real objects to hit. It fails on any 5xx, on a dropped
 * connection, and on an operation that never got past authentication. Seeded (FUZZ_SEED)
 * and bounded, so a failure replays exactly.
 */

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-permission'?: string;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> } };

const document = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as Document;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CALLS_PER_OPERATION = 40;
const GATEWAY_SECRET = `sk_test_${'fuzzgatewaysecret'.repeat(2)}`;
const MARKETPLACE_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

/** mulberry32: small, seeded, good enough to pick cases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deepArray = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53,
  1e-9,
  '',
  ' ',
  'a\u0000b',
  '\u0007\u001b[31m',
  'x'.repeat(20000),
  '😀\u202e',
  "' OR 1=1 --",
  '../../etc/passwd',
  '2024-13-45T99:99:99Z',
  '1e308',
  '-0',
  [],
  {},
  [null],
  ['a\u0000'],
  { nested: { deeper: { deepest: 'x'.repeat(300) } } },
  deepArray(40),
];
const HOSTILE_QUERY = ['', 'a\u0000', '\u0007', '1e308', '-1', '99999999999', '1.5', 'abc', 'x'.repeat(20000), '%', 'null', 'true', '2024-13-45'];
const HOSTILE_IDS = ['0', '-1', '1e308', 'abc', '99999999999', '%00', '1.5', '2147483648', ' 1', 'null'];
const HOSTILE_BODIES: Array<string | unknown> = [
  '{"a":',
  'null',
  '[]',
  '"text"',
  '12',
  `{"a": ${'['.repeat(20000)}${']'.repeat(20000)}}`,
  '{"__proto__": {"polluted": true}}',
  { unknown_field: 1 },
];

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf) return schema.allOf.map(resolve).reduce((all, s) => ({ ...all, ...s, properties: { ...all.properties, ...s.properties } }), {} as Schema);
  return schema;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let owner: Tenant;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  /** Real ids, by the body field or path resource that names them. */
  const ids: Record<string, number> = {};
  const secrets: string[] = [];
  let sku = '';

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info', STRIPE_API_BASE: 'http://127.0.0.1:9' }, [[LOG_DESTINATION, sink]], { appLogger: true });
    owner = await registerCompany(t.http);
    const http = t.http;
    const warehouse = await createWarehouse(http, owner);
    const other = await createWarehouse(http, owner);
    const bin = (
      await http
        .post('/api/v1/stock-locations/')
        .set(owner.auth)
        .send({ name: 'Bin', code: unique('B-'), provider: warehouse.id })
    ).body;
    const product = await createProduct(http, owner);
    sku = product.sku;
    const item = await createItem(http, owner, { product_id: product.id, warehouse_id: warehouse.id, quantity: 1000 });
    const customer = await createCustomer(http, owner);
    const order = (
      await http
        .post('/api/v1/orders/')
        .set(owner.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] })
    ).body;
    for (const status of ['confirmed', 'processing']) await http.patch(`/api/v1/orders/${order.id}/status/`).set(owner.auth).send({ status });
    const shipment = (await http.post('/api/v1/shipping/').set(owner.auth).send({ order_id: order.id, carrier: 'UPS' })).body;
    const gateway = (await http.post('/api/v1/payments/gateways/').set(owner.auth).send({ name: 'Stripe', gateway_type: 'stripe', api_key: GATEWAY_SECRET }))
      .body;
    const payment = (
      await http.post('/api/v1/payments/transactions/').set(owner.auth).send({ order_id: order.id, amount: 1, currency: 'USD', payment_method: 'cash' })
    ).body;
    const role = await createRole(http, owner, ['inventory.read']);
    const member = await addMember(http, owner, { role: 'operator' });
    const count = (
      await http
        .post('/api/v1/stock-counts/')
        .set(owner.auth)
        .send({ lines: [{ sku: product.sku, warehouse_id: warehouse.id, quantity: 5 }] })
    ).body;
    const key = (await http.post('/api/v1/auth/tokens/').set(owner.auth).send({ name: 'fuzz key' })).body;
    const job = (
      await http
        .post('/api/v1/inventory/bulk-import/')
        .set(owner.auth)
        .attach('file', Buffer.from(`sku,warehouse_id,quantity\n${product.sku},${warehouse.id},3\n`), 'f.csv')
    ).body;
    const webhook = (
      await http
        .post('/api/v1/webhooks/')
        .set(owner.auth)
        .send({ url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'] })
    ).body;
    const testEvent = (await http.post(`/api/v1/webhooks/${webhook.id}/test/`).set(owner.auth)).body;
    let delivery: { id: number } | undefined;
    for (let i = 0; i < 200 && !delivery; i++) {
      delivery = (await t.sql.query('select id::int from webhook_deliveries where endpoint_id = $1', [webhook.id])).rows[0] as { id: number } | undefined;
      if (!delivery) await new Promise((r) => setTimeout(r, 50));
    }
    const event = { id: testEvent.event_id as number };
    const rule = (
      await http
        .post('/api/v1/stock-list-rules/')
        .set(owner.auth)
        .send({ name: 'Fuzz rule', warehouse_ids: [warehouse.id] })
    ).body;
    const list = (await http.post('/api/v1/stock-lists/').set(owner.auth).send({ name: 'Fuzz list', code: 'FUZZ', rule_id: rule.id })).body;
    const channel = (
      await http
        .post('/api/v1/marketplace/connections/')
        .set(owner.auth)
        .send({ platform: 'custom', name: 'Fuzz channel', credentials: { endpoint_url: 'http://127.0.0.1:9/listings', signing_secret: MARKETPLACE_SECRET } })
    ).body;
    const syncJob = (await http.post('/api/v1/marketplace/products/sync/').set(owner.auth).send({ connection_id: channel.id, product_id: product.id })).body;
    for (const [name, value] of Object.entries({
      warehouse,
      bin,
      product,
      item,
      customer,
      order,
      shipment,
      payment,
      gateway,
      role,
      count,
      key,
      job,
      webhook,
      event,
      delivery,
    })) {
      if (typeof value?.id !== 'number') throw new Error(`fuzz setup: no ${name}: ${JSON.stringify(value)}`);
    }
    Object.assign(ids, {
      product_id: product.id,
      warehouse_id: warehouse.id,
      warehouseId: warehouse.id,
      from_warehouse_id: warehouse.id,
      to_warehouse_id: other.id,
      provider: warehouse.id,
      location_id: bin.id,
      item_id: item.id,
      customer_id: customer.id,
      order_id: order.id,
      shipment_id: shipment.id,
      role_id: role.id,
      user_id: member.userId,
      products: product.id,
      items: item.id,
      warehouses: warehouse.id,
      'stock-locations': bin.id,
      'stock-counts': count.id,
      imports: job.id,
      customers: customer.id,
      orders: order.id,
      shipping: shipment.id,
      gateways: gateway.id,
      transactions: payment.id,
      users: member.userId,
      team: member.userId,
      roles: role.id,
      tokens: key.id,
      webhooks: webhook.id,
      deliveries: delivery!.id,
      events: event.id,
      'stock-list-rules': rule.id,
      'stock-lists': list.id,
      rule_id: rule.id,
      connections: channel.id,
      connection_id: channel.id,
      connectionId: channel.id,
      channel_connection_id: channel.id,
      'sync-jobs': syncJob.id,
    });
    secrets.push(owner.access, owner.refresh, key.token, member.access, member.refresh, GATEWAY_SECRET, PASSWORD, webhook.secret, MARKETPLACE_SECRET);
  });
  afterAll(() => t.close());

  /** A plausible valid value for a schema, with real ids and our own credentials where a field names them. */
  function sample(schema: Schema | undefined, field = '', depth = 0): unknown {
    const s = resolve(schema);
    if (field in ids) return ids[field];
    if (/password/.test(field)) return PASSWORD;
    if (field === 'sku') return sku;
    if (field === 'email') return owner.email;
    if (field === 'username') return owner.username;
    if (field === 'refresh' || field === 'refresh_token') return owner.refresh;
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (s.default !== undefined) return s.default;
    if (s.type === 'integer' || s.type === 'number') return s.minimum !== undefined && s.minimum > 1 ? s.minimum : 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return depth > 3 ? [] : [sample(s.items, '', depth + 1)];
    if (s.type === 'string') return s.format === 'date-time' ? new Date().toISOString() : s.format === 'date' ? '2026-12-24' : 'fuzz';
    if (s.properties && depth <= 3) {
      return Object.fromEntries(Object.entries(s.properties).map(([name, p]) => [name, sample(p, name, depth + 1)]));
    }
    return 'fuzz';
  }

  function pathFor(template: string, params: Parameter[], override?: string): string {
    return (
      template.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (override !== undefined) return encodeURIComponent(override);
        const segments = template.split('/');
        const resource = segments[segments.indexOf(`{${name}}`) - 1];
        const id = name === 'id' ? ids[resource] : ids[name];
        if (id === undefined) throw new Error(`no real id for ${name} in ${template}`);
        return String(id);
      }) + (params.length === 0 ? '/' : '/')
    );
  }

  it('answers every hostile call without a 5xx or a dropped connection, and reaches every operation past authentication', async () => {
    let rand = random(SEED);
    const pick = <T>(values: T[]) => values[Math.floor(rand() * values.length)];
    const failures: string[] = [];
    const reached = new Set<string>();
    let auth = owner.auth;

    const signIn = async () => {
      const res = await t.http.post('/api/v1/accounts/auth/login/').send({ email: owner.email, password: PASSWORD });
      if (res.status !== 200) throw new Error(`re-sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      auth = { Authorization: `Bearer ${res.body.access}` };
      secrets.push(res.body.access, res.body.refresh);
    };

    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
      // Deletions last, so the objects they remove were there for everything else.
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));

    // Two rounds with two seeds: each picks its own hostile values for every field.
    for (const round of [0, 1]) {
      rand = random(SEED + round);
      for (const { path, method, op } of operations) {
        const isPublic = op['x-permission'] === 'public';
        const parameters = (op.parameters ?? []).map((p) => ('$ref' in p ? document.components.parameters[p.$ref.split('/').pop()!] : p));
        const pathParams = parameters.filter((p) => p.in === 'path');
        const queryParams = parameters.filter((p) => p.in === 'query');
        const content = op.requestBody?.content ?? {};
        const jsonSchema = content['application/json']?.schema;
        const multipart = 'multipart/form-data' in content;
        const base = jsonSchema ? (sample(jsonSchema) as Record<string, unknown>) : undefined;

        type Case = { url: string; body?: unknown; raw?: string };
        const cases: Case[] = [];
        const url = pathFor(path, pathParams);
        for (const id of pathParams.length > 0 ? HOSTILE_IDS : []) cases.push({ url: pathFor(path, pathParams, id), body: base });
        for (const param of queryParams) {
          for (let i = 0; i < 3; i++) cases.push({ url: `${url}?${encodeURIComponent(param.name)}=${encodeURIComponent(pick(HOSTILE_QUERY))}` });
        }
        if (method === 'get' || method === 'delete') cases.push({ url: `${url}?unknown_param=${encodeURIComponent('a\u0000')}` });
        if (base && typeof base === 'object' && !Array.isArray(base)) {
          for (const field of Object.keys(base)) {
            for (let i = 0; i < 3; i++) cases.push({ url, body: { ...base, [field]: pick(HOSTILE_VALUES) } });
          }
        }
        if (jsonSchema || multipart || method !== 'get') {
          for (const body of HOSTILE_BODIES) cases.push(typeof body === 'string' ? { url, raw: body } : { url, body });
        }
        const chosen = cases.length > CALLS_PER_OPERATION ? cases.sort(() => rand() - 0.5).slice(0, CALLS_PER_OPERATION) : cases;
        if (chosen.length === 0) chosen.push({ url });

        for (const c of chosen) {
          const send = () => {
            let req = t.http[method as 'get'](c.url).set(isPublic ? {} : auth);
            if (c.raw !== undefined) req = req.set('Content-Type', 'application/json').send(c.raw);
            else if (c.body !== undefined) req = req.send(c.body as object);
            return req;
          };
          let res: Response;
          try {
            res = await send();
            if (res.status === 401 && !isPublic) {
              // The call (or an earlier one) ended the session: sign in again and retry once.
              await signIn();
              res = await send();
            }
          } catch (err) {
            failures.push(`${method.toUpperCase()} ${c.url.slice(0, 120)}: ${(err as Error).message}`);
            continue;
          }
          if (res.status >= 500)
            failures.push(
              `${method.toUpperCase()} ${c.url.slice(0, 120)} ${JSON.stringify(c.body ?? c.raw)?.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`,
            );
          if (res.status !== 401) reached.add(`${method} ${path}`);
        }
      }
    }

    expect(failures).toEqual([]);
    const never = operations.map(({ path, method }) => `${method} ${path}`).filter((o) => !reached.has(o));
    expect(never).toEqual([]);
  }, 240_000);

  it('leaves no password hash, token, key or gateway secret in any log line', () => {
    const everything = lines.join('');
    expect(everything.length).toBeGreaterThan(0);
    expect(everything).not.toMatch(/\$argon2id\$/);
    for (const secret of secrets.filter((s) => typeof s === 'string' && s.length >= 8)) {
      expect(everything.includes(secret) ? secret : 'absent').toBe('absent');
    }
  });
});
