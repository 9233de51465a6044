import { EVENT_TYPES } from '../../src/events/event-types';
import type { Tenant } from '../support/factories';
import { addMember, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('GET events/types/', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it('lists every event type with a description and an example of its data, to any signed-in user', async () => {
    const viewer = await addMember(t.http, a, { role: 'viewer' });
    for (const who of [a, viewer]) {
      const res = await t.http.get('/api/v1/events/types/').set(who.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((e: { type: string }) => e.type)).toEqual([
        'order.created',
        'order.updated',
        'order.cancelled',
        'payment.completed',
        'shipment.created',
        'shipment.delivered',
        'inventory.low_stock',
        'inventory.import.completed',
        'stock_count.applied',
        'endpoint.disabled',
        'webhook.test',
      ]);
      expect(res.body[0]).toEqual({
        type: 'order.created',
        description: EVENT_TYPES['order.created'].description,
        example: EVENT_TYPES['order.created'].example,
      });
      for (const e of res.body) expect(e.description.length).toBeGreaterThan(10);
    }
  });

  it('documents the types as an enum in openapi.json', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(doc.components.schemas.EventTypeDto.properties.type.enum).toEqual(Object.keys(EVENT_TYPES));
  });

  it('needs credentials', async () => {
    const res = await t.http.get('/api/v1/events/types/');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('NOT_AUTHENTICATED');
  });
});
