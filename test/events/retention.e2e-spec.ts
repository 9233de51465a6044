import { registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { RelayRepository } from '../../src/webhooks/relay/relay.repository';

/** The events feed keeps 30 days: older events (and their deliveries) go, in batches several processes can run side by side. */
describe('event retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_RELAY: 'false' });
  });
  afterAll(() => t.close());

  it('purges events older than the retention with their deliveries, concurrently without overlap, and keeps the rest', async () => {
    const company = await registerCompany(t.http);
    const endpoint = await t.http
      .post('/api/v1/webhooks/')
      .set(company.auth)
      .send({ url: 'http://127.0.0.1:9/x', enabled_events: ['*'] })
      .expect(201);
    await t.sql.query(
      `insert into events (company_id, type, payload, created_at, delivered_at)
       select $1, 'webhook.test', '{}', now() - make_interval(days => 31, secs => g), now() from generate_series(1, 120) g`,
      [company.companyId],
    );
    await t.sql.query(
      `insert into events (company_id, type, payload, created_at) select $1, 'webhook.test', '{}', now() - interval '29 days' from generate_series(1, 5)`,
      [company.companyId],
    );
    await t.sql.query(
      `insert into webhook_deliveries (company_id, endpoint_id, event_id, event_type) select company_id, $2, id, type from events where company_id = $1`,
      [company.companyId, endpoint.body.id],
    );
    const relay = t.app.get(RelayRepository);
    const purged = await Promise.all([relay.purge(30, 50), relay.purge(30, 50), relay.purge(30, 50)]);
    expect(purged.reduce((a, b) => a + b, 0)).toBe(120);
    expect(await relay.purge(30, 50)).toBe(0);
    const { rows } = await t.sql.query(
      `select (select count(*)::int from events where company_id = $1) as events, (select count(*)::int from webhook_deliveries where company_id = $1) as deliveries`,
      [company.companyId],
    );
    expect(rows[0]).toEqual({ events: 5, deliveries: 5 });
    const feed = await t.http.get('/api/v1/events/').set(company.auth).expect(200);
    expect(feed.body.count).toBe(5);
  });
});
