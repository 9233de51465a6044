import type { Tenant } from '../support/factories';
import { registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { Answer, Receiver } from '../support/webhook-receiver';
import { startReceiver, verify } from '../support/webhook-receiver';

type Delivery = {
  id: number;
  status: string;
  attempts: number;
  response_status: number | null;
  error: string | null;
  next_attempt_at: string | null;
  response_body: string | null;
  response_time_ms: number | null;
};

/**
 * How the relay treats receivers' answers, on a shortened schedule (0.3 s, 0.6 s, 0.9 s
 * instead of 5 s ... 10 h): retries until the schedule ends, 410 disables, Retry-After is
 * honoured, redirects are failures, slow receivers time out, private addresses are refused.
 */
describe('webhook delivery rules', () => {
  let t: TestApp;
  let company: Tenant;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_POLL_MS: '50', WEBHOOKS_RETRY_SCHEDULE: '0.3,0.6,0.9', WEBHOOKS_TIMEOUT_MS: '500', WEBHOOKS_DISABLE_AFTER_HOURS: '1' });
    company = await registerCompany(t.http);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  async function endpointAnswering(answer: (n: number) => Answer, who = company) {
    const receiver = await startReceiver((_, n) => answer(n));
    receivers.push(receiver);
    const res = await t.http
      .post('/api/v1/webhooks/')
      .set(who.auth)
      .send({ url: receiver.url, enabled_events: ['webhook.test'] })
      .expect(201);
    return { receiver, endpoint: res.body as { id: number; secret: string } };
  }

  async function test(endpointId: number): Promise<number> {
    return (await t.http.post(`/api/v1/webhooks/${endpointId}/test/`).set(company.auth).expect(202)).body.event_id as number;
  }

  async function deliveryOf(endpointId: number, until: (d: Delivery) => boolean, timeoutMs = 10_000): Promise<Delivery> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const log = await t.http.get(`/api/v1/webhooks/${endpointId}/deliveries/`).set(company.auth).expect(200);
      const delivery = log.body.results[0] as Delivery | undefined;
      if (delivery && until(delivery)) return delivery;
      if (Date.now() > deadline) throw new Error(`delivery never got there: ${JSON.stringify(delivery)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('retries a failing receiver on the schedule, with the same webhook-id, then marks the delivery failed', async () => {
    const { receiver, endpoint } = await endpointAnswering(() => ({ status: 500, body: 'boom' }));
    const eventId = await test(endpoint.id);
    const failed = await deliveryOf(endpoint.id, (d) => d.status === 'failed');
    expect(failed).toMatchObject({ attempts: 4, response_status: 500, error: 'The endpoint answered 500.', response_body: 'boom', next_attempt_at: null });
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((d) => d.headers['webhook-id']))).toEqual(new Set([String(eventId)]));
    for (const delivery of receiver.received) expect(verify(endpoint.secret, delivery)).toBeTruthy();
    // Gaps follow the schedule (±10 % jitter, plus polling).
    const gaps = receiver.received.slice(1).map((d, i) => d.at - receiver.received[i].at);
    [300, 600, 900].forEach((planned, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(planned * 0.9 - 20);
      expect(gaps[i]).toBeLessThan(planned * 1.1 + 400);
    });
    // Timestamps are per attempt.
    expect(Number(receiver.received[3].headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(receiver.received[0].headers['webhook-timestamp']));
  });

  it('delivers on a later attempt once the receiver recovers', async () => {
    const { receiver, endpoint } = await endpointAnswering((n) => ({ status: n < 2 ? 503 : 204 }));
    await test(endpoint.id);
    const delivered = await deliveryOf(endpoint.id, (d) => d.status === 'succeeded');
    expect(delivered).toMatchObject({ attempts: 3, response_status: 204, error: null });
    expect(receiver.received).toHaveLength(3);
    const { rows } = await t.sql.query('select failing_since from webhook_endpoints where id = $1', [endpoint.id]);
    expect(rows[0].failing_since).toBeNull();
  });

  it("honours a 429's Retry-After instead of the schedule", async () => {
    const { receiver, endpoint } = await endpointAnswering((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 }));
    await test(endpoint.id);
    await deliveryOf(endpoint.id, (d) => d.status === 'succeeded', 8000);
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(1900);
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    const target = await startReceiver();
    receivers.push(target);
    const { receiver, endpoint } = await endpointAnswering(() => ({ status: 302, headers: { location: target.url } }));
    await test(endpoint.id);
    const delivery = await deliveryOf(endpoint.id, (d) => d.attempts >= 1);
    expect(delivery).toMatchObject({ status: 'pending', response_status: 302, error: expect.stringContaining('redirects are not followed') });
    expect(receiver.received.length).toBeGreaterThanOrEqual(1);
    expect(target.received).toHaveLength(0);
  });

  it('gives up on an attempt after the timeout', async () => {
    const { endpoint } = await endpointAnswering(() => ({ status: 200, delayMs: 2000 }));
    await test(endpoint.id);
    const delivery = await deliveryOf(endpoint.id, (d) => d.attempts >= 1);
    expect(delivery).toMatchObject({ status: 'pending', response_status: null, error: 'No answer within 0.5 s' });
    expect(delivery.response_time_ms).toBeGreaterThanOrEqual(450);
  });

  it('disables an endpoint that answers 410 Gone, records endpoint.disabled, and delivers again once turned back on', async () => {
    let gone = true;
    const { receiver, endpoint } = await endpointAnswering(() => ({ status: gone ? 410 : 200 }));
    await test(endpoint.id);
    const failed = await deliveryOf(endpoint.id, (d) => d.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1, response_status: 410 });
    const read = await t.http.get(`/api/v1/webhooks/${endpoint.id}/`).set(company.auth).expect(200);
    expect(read.body).toMatchObject({ is_active: false, status: 'disabled', disabled_reason: 'The endpoint answered 410 Gone.' });
    const feed = await t.http.get('/api/v1/events/').set(company.auth).query({ type: 'endpoint.disabled' }).expect(200);
    expect(feed.body.results[0].data).toEqual({ webhook_id: endpoint.id, url: receiver.url, reason: 'The endpoint answered 410 Gone.' });

    // While it is off nothing is sent, and a retry is refused; turned back on, new events flow
    // and the missed ones come by replay.
    const since = new Date(Date.now() - 60_000).toISOString();
    const missed = await test(endpoint.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
    expect((await t.http.post(`/api/v1/webhooks/deliveries/${failed.id}/retry/`).set(company.auth)).status).toBe(409);
    gone = false;
    const back = await t.http.patch(`/api/v1/webhooks/${endpoint.id}/`).set(company.auth).send({ is_active: true }).expect(200);
    expect(back.body).toMatchObject({ status: 'enabled', disabled_reason: null });
    const next = await test(endpoint.id);
    await receiver.waitFor((r) => r.some((d) => d.json.id === next));
    expect(receiver.received.some((d) => d.json.id === missed)).toBe(false);
    await t.http
      .post(`/api/v1/webhooks/${endpoint.id}/replay/`)
      .set(company.auth)
      .send({ since, types: ['webhook.test'] })
      .expect(202);
    await receiver.waitFor((r) => r.some((d) => d.json.id === missed));
  });

  it('disables an endpoint after every attempt failed for WEBHOOKS_DISABLE_AFTER_HOURS', async () => {
    const { endpoint } = await endpointAnswering(() => ({ status: 500 }));
    await t.sql.query(`update webhook_endpoints set failing_since = now() - interval '61 minutes' where id = $1`, [endpoint.id]);
    await test(endpoint.id);
    await deliveryOf(endpoint.id, (d) => d.attempts >= 1);
    const read = await t.http.get(`/api/v1/webhooks/${endpoint.id}/`).set(company.auth).expect(200);
    expect(read.body).toMatchObject({ status: 'disabled', disabled_reason: 'Every attempt failed for 1 hours.' });
  });
});

describe('webhook delivery to private networks in production mode', () => {
  let t: TestApp;
  let company: Tenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' });
    company = await registerCompany(t.http);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('refuses private addresses at registration', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost/x',
      'http://10.0.0.5/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      const res = await t.http
        .post('/api/v1/webhooks/')
        .set(company.auth)
        .send({ url, enabled_events: ['*'] });
      expect({ url, status: res.status, message: res.body.error?.details?.url?.[0] }).toEqual({
        url,
        status: 400,
        message: expect.stringContaining('public address'),
      });
    }
  });

  it('checks the address it connects to on every attempt: an endpoint that now points inward gets no request', async () => {
    const created = await t.http
      .post('/api/v1/webhooks/')
      .set(company.auth)
      .send({ url: 'https://hooks.example.com/in', enabled_events: ['webhook.test'] })
      .expect(201);
    // As if its DNS now answered a loopback address (rebinding): the relay must refuse at connect time.
    await t.sql.query('update webhook_endpoints set url = $1 where id = $2', [receiver.url, created.body.id]);
    await t.http.post(`/api/v1/webhooks/${created.body.id}/test/`).set(company.auth).expect(202);
    let delivery: Delivery | undefined;
    for (let i = 0; i < 100 && !delivery?.attempts; i++) {
      delivery = (await t.http.get(`/api/v1/webhooks/${created.body.id}/deliveries/`).set(company.auth).expect(200)).body.results[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(delivery).toMatchObject({ attempts: 1, status: 'pending', response_status: null, error: 'Refused to connect to 127.0.0.1: loopback address' });
    expect(receiver.received).toHaveLength(0);
  });
});
