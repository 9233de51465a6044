import type { Tenant } from '../support/factories';
import { addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import { expectForeignIdsNotFound } from '../support/isolation';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { Receiver } from '../support/webhook-receiver';
import { startReceiver, verify } from '../support/webhook-receiver';

type Webhook = { id: number; url: string; secret?: string; status: string; is_active: boolean; disabled_reason: string | null; enabled_events: string[] };

/** Webhook endpoints and the events feed, through the API, with deliveries verified by the Standard Webhooks library. */
describe('webhooks and the events feed', () => {
  let t: TestApp;
  let owner: Tenant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_POLL_MS: '100' });
    owner = await registerCompany(t.http);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** The delivery log once `done` holds: the relay records an outcome just after the receiver has answered. */
  async function deliveryLog(who: Tenant, endpointId: number, query: Record<string, string>, done: (body: { count: number }) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const log = await t.http.get(`/api/v1/webhooks/${endpointId}/deliveries/`).set(who.auth).query(query).expect(200);
      if (done(log.body) || Date.now() > deadline) return log;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function subscribe(who: Tenant, body: Record<string, unknown> = {}): Promise<Webhook> {
    const res = await t.http
      .post('/api/v1/webhooks/')
      .set(who.auth)
      .send({ url: receiver.url, enabled_events: ['*'], ...body });
    expect(res.status).toBe(201);
    return res.body as Webhook;
  }

  describe('endpoints', () => {
    it('creates an endpoint and shows its whsec_ secret only in that answer, stored sealed', async () => {
      const created = await subscribe(owner, { description: 'ERP', enabled_events: ['order.created', 'order.updated', 'order.created'] });
      expect(created).toMatchObject({
        url: receiver.url,
        description: 'ERP',
        enabled_events: ['order.created', 'order.updated'],
        is_active: true,
        status: 'enabled',
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(created.secret!.slice(6), 'base64')).toHaveLength(32);
      const read = await t.http.get(`/api/v1/webhooks/${created.id}/`).set(owner.auth).expect(200);
      expect(read.body.secret).toBeUndefined();
      const list = await t.http.get('/api/v1/webhooks/').set(owner.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.secret!.slice(6, 20));
      const { rows } = await t.sql.query('select secret from webhook_endpoints where id = $1', [created.id]);
      expect(rows[0].secret).toMatch(/^v1:/);
      expect(rows[0].secret).not.toContain(created.secret!.slice(6, 20));
    });

    it('refuses unknown event types, bad URLs, unknown fields and credentials in the URL', async () => {
      const bad = [
        { url: receiver.url, enabled_events: ['order.shipped'] },
        { url: receiver.url, enabled_events: [] },
        { url: 'ftp://example.com/x', enabled_events: ['*'] },
        { url: 'not a url', enabled_events: ['*'] },
        { url: receiver.url, enabled_events: ['*'], secret: 'mine' },
        { url: 'https://user:pass@example.com/hook', enabled_events: ['*'] },
        { enabled_events: ['*'] },
      ];
      for (const body of bad) {
        const res = await t.http.post('/api/v1/webhooks/').set(owner.auth).send(body);
        expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code: 'VALIDATION_ERROR' });
      }
      const unknown = await t.http
        .post('/api/v1/webhooks/')
        .set(owner.auth)
        .send({ url: receiver.url, enabled_events: ['nope'] });
      expect(unknown.body.error.details.enabled_events[0]).toContain('GET events/types/');
    });

    it('allows 16 endpoints per company and answers 409 beyond', async () => {
      const company = await registerCompany(t.http);
      const made = await Promise.all(
        Array.from({ length: 17 }, () =>
          t.http
            .post('/api/v1/webhooks/')
            .set(company.auth)
            .send({ url: receiver.url, enabled_events: ['*'] }),
        ),
      );
      expect(made.map((r) => r.status).sort()).toEqual([...Array<number>(16).fill(201), 409]);
      const { rows } = await t.sql.query('select count(*)::int as n from webhook_endpoints where company_id = $1', [company.companyId]);
      expect(rows[0].n).toBe(16);
    });

    it('updates and deletes an endpoint', async () => {
      const endpoint = await subscribe(owner);
      const patched = await t.http
        .patch(`/api/v1/webhooks/${endpoint.id}/`)
        .set(owner.auth)
        .send({ description: 'Renamed', enabled_events: ['payment.completed'], is_active: false })
        .expect(200);
      expect(patched.body).toMatchObject({
        description: 'Renamed',
        enabled_events: ['payment.completed'],
        is_active: false,
        status: 'disabled',
        disabled_reason: null,
      });
      expect(
        (
          await t.http
            .patch(`/api/v1/webhooks/${endpoint.id}/`)
            .set(owner.auth)
            .send({ enabled_events: ['x'] })
        ).status,
      ).toBe(400);
      await t.http.delete(`/api/v1/webhooks/${endpoint.id}/`).set(owner.auth).expect(204);
      await t.http.get(`/api/v1/webhooks/${endpoint.id}/`).set(owner.auth).expect(404);
    });

    it('needs credentials and integrations.manage', async () => {
      expect((await t.http.get('/api/v1/webhooks/')).status).toBe(401);
      expect((await t.http.post('/api/v1/webhooks/').send({ url: receiver.url, enabled_events: ['*'] })).status).toBe(401);
      const viewer = await addMember(t.http, owner, { role: 'viewer' });
      const denied = await t.http.get('/api/v1/webhooks/').set(viewer.auth);
      expect(denied.status).toBe(403);
      expect(denied.body.error.details.permission).toBe('integrations.manage');
    });
  });

  describe('delivery', () => {
    it('delivers an order.created signed by Standard Webhooks, with 003 fields, the event id and timestamp', async () => {
      const company = await registerCompany(t.http);
      const endpoint = await subscribe(company, { enabled_events: ['order.created'] });
      const warehouse = await createWarehouse(t.http, company);
      const product = await createProduct(t.http, company, { price: 12.5 });
      await createItem(t.http, company, { product_id: product.id, warehouse_id: warehouse.id, quantity: 10 });
      const customer = await createCustomer(t.http, company);
      const order = await t.http
        .post('/api/v1/orders/')
        .set(company.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 2 }] })
        .expect(201);

      const [delivery] = (await receiver.waitFor((r) => r.some((d) => d.json.data.order_id === order.body.id))).filter(
        (d) => d.json.data.order_id === order.body.id,
      );
      expect(verify(endpoint.secret!, delivery)).toMatchObject({ type: 'order.created' });
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.json).toEqual({
        id: expect.any(Number),
        type: 'order.created',
        event: 'order.created',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        data: { order_id: order.body.id, customer_id: customer.id, total: 25, status: 'pending', items: [{ product_id: product.id, quantity: 2 }] },
      });
      expect(delivery.headers['webhook-id']).toBe(String(delivery.json.id));
      expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);

      const feed = await t.http.get('/api/v1/events/').set(company.auth).query({ type: 'order.created' }).expect(200);
      expect(feed.body.results[0]).toEqual({ id: delivery.json.id, type: 'order.created', created_at: expect.any(String), data: delivery.json.data });
      const log = await deliveryLog(company, endpoint.id, { status: 'succeeded' }, (body) => body.count === 1);
      expect(log.body.results[0]).toMatchObject({
        event_id: delivery.json.id,
        event_type: 'order.created',
        status: 'succeeded',
        attempts: 1,
        response_status: 200,
        error: null,
        response_body: 'ok',
      });
    });

    it('sends a test event to that endpoint only', async () => {
      const company = await registerCompany(t.http);
      const one = await subscribe(company);
      const other = await subscribe(company);
      const queued = await t.http.post(`/api/v1/webhooks/${one.id}/test/`).set(company.auth).expect(202);
      await receiver.waitFor((r) => r.some((d) => d.json.id === queued.body.event_id));
      await new Promise((r) => setTimeout(r, 300));
      const copies = receiver.received.filter((d) => d.json.id === queued.body.event_id);
      expect(copies).toHaveLength(1);
      expect(verify(one.secret!, copies[0])).toBeTruthy();
      expect(() => verify(other.secret!, copies[0])).toThrow();
      expect(copies[0].json.data).toEqual({ webhook_id: one.id, message: 'This is a test event.' });
    });

    it('signs with both secrets for a day after a rotation, and the old secret alone no longer suffices afterwards', async () => {
      const company = await registerCompany(t.http);
      const endpoint = await subscribe(company);
      const rotated = await t.http.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret/`).set(company.auth).expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(new Date(rotated.body.previous_secret_expires_at).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
      const queued = await t.http.post(`/api/v1/webhooks/${endpoint.id}/test/`).set(company.auth).expect(202);
      const [delivery] = (await receiver.waitFor((r) => r.some((d) => d.json.id === queued.body.event_id))).filter((d) => d.json.id === queued.body.event_id);
      expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verify(rotated.body.secret as string, delivery)).toBeTruthy();
      expect(verify(endpoint.secret!, delivery)).toBeTruthy();

      await t.sql.query(`update webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = $1`, [endpoint.id]);
      const later = await t.http.post(`/api/v1/webhooks/${endpoint.id}/test/`).set(company.auth).expect(202);
      const [next] = (await receiver.waitFor((r) => r.some((d) => d.json.id === later.body.event_id))).filter((d) => d.json.id === later.body.event_id);
      expect(verify(rotated.body.secret as string, next)).toBeTruthy();
      expect(() => verify(endpoint.secret!, next)).toThrow();
    });

    it('retries a delivery on request and replays a time range from the feed', async () => {
      const company = await registerCompany(t.http);
      const endpoint = await subscribe(company, { enabled_events: ['webhook.test'] });
      const since = new Date(Date.now() - 1000).toISOString();
      const first = await t.http.post(`/api/v1/webhooks/${endpoint.id}/test/`).set(company.auth).expect(202);
      await receiver.waitFor((r) => r.some((d) => d.json.id === first.body.event_id));
      const log = await deliveryLog(company, endpoint.id, { status: 'succeeded' }, (body) => body.count === 1);
      expect(log.body.count).toBe(1);
      const retried = await t.http.post(`/api/v1/webhooks/deliveries/${log.body.results[0].id}/retry/`).set(company.auth).expect(202);
      expect(retried.body).toMatchObject({ id: log.body.results[0].id, status: 'pending' });
      await receiver.waitFor((r) => r.filter((d) => d.json.id === first.body.event_id).length === 2);

      const replay = await t.http.post(`/api/v1/webhooks/${endpoint.id}/replay/`).set(company.auth).send({ since }).expect(202);
      expect(replay.body).toEqual({ queued: 1 });
      await receiver.waitFor((r) => r.filter((d) => d.json.id === first.body.event_id).length === 3);
      const all = await t.http.get(`/api/v1/webhooks/${endpoint.id}/deliveries/`).set(company.auth).query({ event_type: 'webhook.test' }).expect(200);
      expect(all.body.count).toBe(2);
      expect((await t.http.post(`/api/v1/webhooks/${endpoint.id}/replay/`).set(company.auth).send({ since: 'yesterday' })).status).toBe(400);
      expect(
        (
          await t.http
            .post(`/api/v1/webhooks/${endpoint.id}/replay/`)
            .set(company.auth)
            .send({ since, types: ['nope'] })
        ).status,
      ).toBe(400);
      const empty = await t.http
        .post(`/api/v1/webhooks/${endpoint.id}/replay/`)
        .set(company.auth)
        .send({ since, types: ['order.created'] })
        .expect(202);
      expect(empty.body).toEqual({ queued: 0 });
    });
  });

  describe('the events feed', () => {
    it('lists events newest first, filters by repeated type and time, pages by number and cursor', async () => {
      const company = await registerCompany(t.http);
      const endpoint = await subscribe(company, { enabled_events: ['webhook.test'] });
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.http.post(`/api/v1/webhooks/${endpoint.id}/test/`).set(company.auth).expect(202)).body.event_id as number);
      const all = await t.http.get('/api/v1/events/').set(company.auth).query({ page_size: 2 }).expect(200);
      expect(all.body.count).toBe(5);
      expect(all.body.results.map((e: { id: number }) => e.id)).toEqual([ids[4], ids[3]]);
      expect(all.body.next).toContain('page=2');

      const seen: number[] = [];
      let url: string | null = '/api/v1/events/?page_size=2&cursor=';
      type FeedPage = { body: { results: Array<{ id: number }>; next: string | null } };
      while (url) {
        const page: FeedPage = await t.http
          .get(url.replace(/^https?:\/\/[^/]+/, ''))
          .set(company.auth)
          .expect(200);
        seen.push(...page.body.results.map((e) => e.id));
        url = page.body.next;
      }
      expect(seen).toEqual([...ids].reverse());

      const typed = await t.http.get('/api/v1/events/?type=webhook.test&type=order.created').set(company.auth).expect(200);
      expect(typed.body.count).toBe(5);
      const none = await t.http.get('/api/v1/events/').set(company.auth).query({ type: 'order.created' }).expect(200);
      expect(none.body.count).toBe(0);
      const future = await t.http
        .get('/api/v1/events/')
        .set(company.auth)
        .query({ created_after: new Date(Date.now() + 60_000).toISOString() })
        .expect(200);
      expect(future.body.count).toBe(0);
      const past = await t.http
        .get('/api/v1/events/')
        .set(company.auth)
        .query({ created_before: new Date(Date.now() + 60_000).toISOString() })
        .expect(200);
      expect(past.body.count).toBe(5);
      const one = await t.http.get(`/api/v1/events/${ids[0]}/`).set(company.auth).expect(200);
      expect(one.body).toEqual({
        id: ids[0],
        type: 'webhook.test',
        created_at: expect.any(String),
        data: { webhook_id: endpoint.id, message: 'This is a test event.' },
      });
    });

    it('refuses bad filters and needs credentials', async () => {
      for (const query of ['type=nope', 'created_after=soon', 'cursor=%%%', 'ordering=type']) {
        expect({ query, status: (await t.http.get(`/api/v1/events/?${query}`).set(owner.auth)).status }).toEqual({ query, status: 400 });
      }
      expect((await t.http.get('/api/v1/events/')).status).toBe(401);
      expect((await t.http.get('/api/v1/events/1/')).status).toBe(401);
    });
  });

  it("answers 404 for another company's endpoints, deliveries and events, and leaves them as they were", async () => {
    const company = await registerCompany(t.http);
    const stranger = await registerCompany(t.http);
    const endpoint = await subscribe(company, { enabled_events: ['webhook.test'] });
    const test = await t.http.post(`/api/v1/webhooks/${endpoint.id}/test/`).set(company.auth).expect(202);
    await receiver.waitFor((r) => r.some((d) => d.json.id === test.body.event_id));
    const { rows } = await t.sql.query('select id from webhook_deliveries where endpoint_id = $1', [endpoint.id]);
    await expectForeignIdsNotFound(t.http, stranger, [
      ['get', `/api/v1/webhooks/${endpoint.id}/`],
      ['patch', `/api/v1/webhooks/${endpoint.id}/`, { description: 'mine' }],
      ['delete', `/api/v1/webhooks/${endpoint.id}/`],
      ['post', `/api/v1/webhooks/${endpoint.id}/rotate-secret/`],
      ['post', `/api/v1/webhooks/${endpoint.id}/test/`],
      ['get', `/api/v1/webhooks/${endpoint.id}/deliveries/`],
      ['post', `/api/v1/webhooks/${endpoint.id}/replay/`, { since: '2020-01-01T00:00:00Z' }],
      ['post', `/api/v1/webhooks/deliveries/${rows[0].id}/retry/`],
      ['get', `/api/v1/events/${test.body.event_id}/`],
    ]);
    const theirs = await t.http.get('/api/v1/events/').set(stranger.auth).expect(200);
    expect(theirs.body.results.map((e: { id: number }) => e.id)).not.toContain(test.body.event_id);
    const { rows: after } = await t.sql.query(
      'select description, secret, (select count(*)::int from webhook_deliveries where endpoint_id = $1) as deliveries from webhook_endpoints where id = $1',
      [endpoint.id],
    );
    expect(after[0]).toMatchObject({ description: '', deliveries: 1 });
  });
});
