import { once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import type { Tenant } from '../support/factories';
import { addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const SECRET = 'sk_live_51HtopSecretValue4242';
const DECLINING = 'sk_test_alwaysDeclines0002';
const WEBHOOK_SECRET = 'whsec_veryHiddenSecret9876';

/** Answers as Stripe's POST /v1/payment_intents does (form body, Bearer secret key). */
async function stripeDouble(): Promise<{ server: Server; url: string; requests: Array<{ key: string; form: URLSearchParams }> }> {
  const requests: Array<{ key: string; form: URLSearchParams }> = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const form = new URLSearchParams(raw);
    requests.push({ key, form });
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || req.url !== '/v1/payment_intents') return res.writeHead(404).end('{}');
    if (key === DECLINING) {
      res.writeHead(402).end(JSON.stringify({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }));
      return;
    }
    res.writeHead(200).end(
      JSON.stringify({
        id: `pi_${requests.length}`,
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        currency: form.get('currency'),
        status: 'succeeded',
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('payments and gateways (003)', () => {
  let t: TestApp;
  let a: Tenant;
  let stripe: Awaited<ReturnType<typeof stripeDouble>>;
  const logs: string[] = [];
  const responses: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) });

  beforeAll(async () => {
    stripe = await stripeDouble();
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, LOG_LEVEL: 'info' }, [[LOG_DESTINATION, sink]]);
    a = await registerCompany(t.http);
  });
  afterAll(async () => {
    await t.close();
    stripe.server.close();
  });

  async function order(total = 2000) {
    const w = await createWarehouse(t.http, a);
    const p = await createProduct(t.http, a, { price: total });
    await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 5 });
    const c = await createCustomer(t.http, a);
    return (
      await t.http
        .post('/api/v1/orders/')
        .set(a.auth)
        .send({ customer_id: c.id, items: [{ product_id: p.id, quantity: 1 }] })
    ).body as { id: number };
  }
  const record = <T extends { text: string }>(res: T) => (responses.push(res.text), res);

  it('configures a gateway with secrets encrypted at rest and shown masked', async () => {
    const res = record(
      await t.http
        .post('/api/v1/payments/gateways/')
        .set(a.auth)
        .send({ name: 'Stripe Production', gateway_type: 'stripe', api_key: SECRET, webhook_secret: WEBHOOK_SECRET, is_active: true }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Stripe Production',
      gateway_type: 'stripe',
      api_key: 'sk_live_...4242',
      webhook_secret: 'whsec_...9876',
      is_active: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const { rows } = await t.sql.query('select api_key_encrypted, webhook_secret_encrypted from payment_gateways where id = $1', [res.body.id]);
    expect(rows[0].api_key_encrypted).toMatch(/^v1:/);
    expect(JSON.stringify(rows[0])).not.toContain('TopSecret');
    expect(record(await t.http.get('/api/v1/payments/gateways/').set(a.auth)).body).toEqual([res.body]);
    const missingKey = await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'x', gateway_type: 'stripe' });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.api_key).toEqual(['This field is required.']);
    expect((await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'x', gateway_type: 'paypal' })).status).toBe(400);
  });

  it('records a manual payment as completed and writes payment.completed', async () => {
    const o = await order();
    const res = record(
      await t.http.post('/api/v1/payments/transactions/').set(a.auth).send({ order_id: o.id, amount: 500, currency: 'usd', payment_method: 'bank_transfer' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ order_id: o.id, gateway: 'manual', gateway_id: null, amount: 500, currency: 'USD', status: 'completed' });
    const { rows } = await t.sql.query(`select payload from events where type = 'payment.completed' and payload->>'transaction_id' = $1`, [
      String(res.body.id),
    ]);
    expect(rows[0].payload).toMatchObject({ order_id: o.id, amount: 500, currency: 'USD' });
  });

  it("charges through Stripe's PaymentIntents with 003's body", async () => {
    const o = await order(1999.99);
    const res = record(
      await t.http
        .post('/api/v1/payments/transactions/')
        .set(a.auth)
        .send({ order_id: o.id, amount: 1999.99, currency: 'USD', payment_method: 'credit_card', gateway: 'stripe' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ gateway: 'stripe', status: 'completed', provider_reference: expect.stringMatching(/^pi_/) });
    const sent = stripe.requests.at(-1)!;
    expect(sent.key).toBe(SECRET);
    expect(sent.form.get('amount')).toBe('199999');
    expect(sent.form.get('currency')).toBe('usd');
    expect(sent.form.get('metadata[order_id]')).toBe(String(o.id));
  });

  it("records a declined charge as failed, with Stripe's message", async () => {
    const g = (await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'Declines', gateway_type: 'stripe', api_key: DECLINING })).body;
    const o = await order();
    const res = record(
      await t.http
        .post('/api/v1/payments/transactions/')
        .set(a.auth)
        .send({ order_id: o.id, amount: 10, currency: 'EUR', payment_method: 'credit_card', gateway: g.id }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', failure_message: 'Your card was declined.' });
  });

  it('never lets completed payments exceed the order total (409)', async () => {
    const o = await order(100);
    expect(
      (await t.http.post('/api/v1/payments/transactions/').set(a.auth).send({ order_id: o.id, amount: 60, currency: 'USD', payment_method: 'cash' })).status,
    ).toBe(201);
    const over = await t.http
      .post('/api/v1/payments/transactions/')
      .set(a.auth)
      .send({ order_id: o.id, amount: 40.01, currency: 'USD', payment_method: 'cash' });
    expect(over.status).toBe(409);
    expect(
      (await t.http.post('/api/v1/payments/transactions/').set(a.auth).send({ order_id: o.id, amount: 40, currency: 'USD', payment_method: 'cash' })).status,
    ).toBe(201);
    const list = await t.http.get(`/api/v1/payments/transactions/?order_id=${o.id}&status=completed`).set(a.auth);
    expect(list.body.count).toBe(2);
  });

  it('validates payments', async () => {
    const res = await t.http.post('/api/v1/payments/transactions/').set(a.auth).send({ amount: 0, currency: 'DOLLARS', gateway: 'paypal' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      order_id: ['This field is required.'],
      amount: ['Ensure this value is greater than or equal to 0.01.'],
      currency: ['Use an ISO 4217 currency code, such as USD.'],
      payment_method: ['This field is required.'],
      gateway: ['Use manual, stripe, or a gateway id.'],
    });
  });

  it('updates and deletes gateways; keeps operators out; needs credentials', async () => {
    const g = (await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'Temp', gateway_type: 'manual' })).body;
    const patched = record(await t.http.patch(`/api/v1/payments/gateways/${g.id}/`).set(a.auth).send({ is_active: false, api_key: 'sk_test_rotated1111' }));
    expect(patched.body).toMatchObject({ is_active: false, api_key: 'sk_test_...1111' });
    expect((await t.http.delete(`/api/v1/payments/gateways/${g.id}/`).set(a.auth)).status).toBe(204);
    const operator = await addMember(t.http, a, { role: 'operator' });
    expect((await t.http.get('/api/v1/payments/gateways/').set(operator.auth)).status).toBe(200);
    expect((await t.http.post('/api/v1/payments/gateways/').set(operator.auth).send({ name: 'x', gateway_type: 'manual' })).status).toBe(403);
    expect((await t.http.get('/api/v1/payments/transactions/')).status).toBe(401);
    expect((await t.http.post('/api/v1/payments/gateways/').send({})).status).toBe(401);
  });

  it("answers 404 for another company's orders and gateways, and changes nothing", async () => {
    const o = await order();
    const g = (await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'Mine', gateway_type: 'manual' })).body;
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['post', '/api/v1/payments/transactions/', { order_id: o.id, amount: 1, currency: 'USD', payment_method: 'cash' }],
      ['patch', `/api/v1/payments/gateways/${g.id}/`, { name: 'Hacked' }],
      ['delete', `/api/v1/payments/gateways/${g.id}/`],
    ]);
    expect((await t.http.get('/api/v1/payments/gateways/').set(b.auth)).body).toEqual([]);
    const { rows } = await t.sql.query('select name from payment_gateways where id = $1', [g.id]);
    expect(rows[0].name).toBe('Mine');
  });

  it('never puts a gateway secret in any response or log line', () => {
    expect(responses.length).toBeGreaterThan(5);
    expect(logs.filter((l) => l.includes('/payments/gateways')).length).toBeGreaterThan(0);
    for (const text of [...responses, ...logs]) {
      expect(text).not.toContain('TopSecretValue');
      expect(text).not.toContain('veryHiddenSecret');
      expect(text).not.toContain('rotated1111');
    }
  });
});
