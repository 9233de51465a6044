import type { Tenant } from '../support/factories';
import { addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const SHIPPING = '/api/v1/shipping';

describe('shipping (003)', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a);
  });
  afterAll(() => t.close());

  /** An order of `quantity` units, moved to `status` through the API. */
  async function order(status: 'pending' | 'confirmed' | 'processing' | 'shipped' | 'cancelled', quantity = 2) {
    const p = await createProduct(t.http, a, { price: 10 });
    const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w.id, quantity: 10 });
    const c = await createCustomer(t.http, a);
    const o = (
      await t.http
        .post('/api/v1/orders/')
        .set(a.auth)
        .send({ customer_id: c.id, items: [{ product_id: p.id, quantity }] })
    ).body;
    const path: Record<string, string[]> = {
      pending: [],
      confirmed: ['confirmed'],
      processing: ['confirmed', 'processing'],
      shipped: ['confirmed', 'processing', 'shipped'],
      cancelled: ['cancelled'],
    };
    for (const s of path[status]) await t.http.patch(`/api/v1/orders/${o.id}/status/`).set(a.auth).send({ status: s });
    return { id: o.id as number, itemId: item.id };
  }
  const body = (orderId: number) => ({
    order_id: orderId,
    carrier: 'UPS',
    service_type: 'Ground',
    tracking_number: '1Z999AA1234567890',
    shipping_cost: 15.99,
    estimated_delivery: '2099-01-20',
  });

  it("records 003's shipment and moves a confirmed order to shipped, deducting its stock", async () => {
    const o = await order('confirmed');
    const res = await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      order_id: o.id,
      carrier: 'UPS',
      service_type: 'Ground',
      tracking_number: '1Z999AA1234567890',
      shipping_cost: 15.99,
      estimated_delivery: '2099-01-20',
      status: 'shipped',
      shipped_at: expect.stringMatching(/Z$/),
      delivered_at: null,
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    const detail = (await t.http.get(`/api/v1/orders/${o.id}/`).set(a.auth)).body;
    expect(detail.status).toBe('shipped');
    expect(detail.status_history.map((h: { to_status: string }) => h.to_status)).toEqual(['pending', 'confirmed', 'processing', 'shipped']);
    const { rows } = await t.sql.query('select on_hand, reserved from stock_levels where id = $1', [o.itemId]);
    expect(rows[0]).toEqual({ on_hand: 8, reserved: 0 });
    expect((await t.http.get(`${SHIPPING}/${res.body.id}/`).set(a.auth)).body).toEqual(res.body);
  });

  it('records a shipment for an order already marked shipped, without shipping it twice', async () => {
    const o = await order('shipped');
    expect((await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id))).status).toBe(201);
    const { rows } = await t.sql.query('select on_hand, reserved from stock_levels where id = $1', [o.itemId]);
    expect(rows[0]).toEqual({ on_hand: 8, reserved: 0 });
  });

  it('refuses pending, cancelled and delivered orders with 409', async () => {
    for (const status of ['pending', 'cancelled'] as const) {
      const res = await t.http
        .post(`${SHIPPING}/`)
        .set(a.auth)
        .send(body((await order(status)).id));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATUS_TRANSITION');
    }
  });

  it('marks delivered: delivered_at, shipment.delivered, and the order delivered', async () => {
    const o = await order('processing');
    const s = (await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id))).body;
    expect((await t.http.patch(`${SHIPPING}/${s.id}/`).set(a.auth).send({ status: 'in_transit' })).body.status).toBe('in_transit');
    const res = await t.http.patch(`${SHIPPING}/${s.id}/`).set(a.auth).send({ status: 'delivered' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'delivered', delivered_at: expect.stringMatching(/Z$/) });
    expect((await t.http.get(`/api/v1/orders/${o.id}/`).set(a.auth)).body.status).toBe('delivered');
    const { rows } = await t.sql.query(`select payload from events where type = 'shipment.delivered' and payload->>'shipment_id' = $1`, [String(s.id)]);
    expect(rows[0].payload).toMatchObject({ shipment_id: s.id, order_id: o.id, carrier: 'UPS' });
    expect((await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id))).status).toBe(409);
  });

  it("answers 003's analytics, computed in SQL, for the period asked", async () => {
    const c = await registerCompany(t.http);
    const wc = await createWarehouse(t.http, c);
    const ship = async (carrier: string, cost: number, estimated: string, deliveredAt?: string) => {
      const p = await createProduct(t.http, c, { price: 1 });
      await createItem(t.http, c, { product_id: p.id, warehouse_id: wc.id, quantity: 5 });
      const cu = await createCustomer(t.http, c);
      const o = (
        await t.http
          .post('/api/v1/orders/')
          .set(c.auth)
          .send({ customer_id: cu.id, items: [{ product_id: p.id, quantity: 1 }] })
      ).body;
      await t.http.patch(`/api/v1/orders/${o.id}/status/`).set(c.auth).send({ status: 'confirmed' });
      const s = (await t.http.post(`${SHIPPING}/`).set(c.auth).send({ order_id: o.id, carrier, shipping_cost: cost, estimated_delivery: estimated })).body;
      if (deliveredAt) await t.http.patch(`${SHIPPING}/${s.id}/`).set(c.auth).send({ status: 'delivered', delivered_at: deliveredAt });
      return s.id as number;
    };
    const soon = new Date(Date.now() + 2 * 86400000).toISOString();
    const late = new Date(Date.now() + 5 * 86400000).toISOString();
    const estimate = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
    await ship('UPS', 10, estimate, soon);
    await ship('UPS', 20, estimate, late);
    await ship('DHL', 6, estimate);
    const res = await t.http.get(`${SHIPPING}/analytics/?period=30d`).set(c.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total_shipments: 3,
      on_time_delivery_rate: 0.5,
      average_shipping_cost: 12,
      carrier_performance: [
        { carrier: 'UPS', total_shipments: 2, on_time_deliveries: 1, average_cost: 15, average_delivery_time: expect.any(Number) },
        { carrier: 'DHL', total_shipments: 1, on_time_deliveries: 0, average_cost: 6, average_delivery_time: null },
      ],
    });
    expect(res.body.carrier_performance[0].average_delivery_time).toBeCloseTo(3.5, 1);
    expect((await t.http.get(`${SHIPPING}/analytics/?period=2d`).set(c.auth)).status).toBe(400);
    expect((await t.http.get(`${SHIPPING}/analytics/`).set(c.auth)).body.total_shipments).toBe(3);
  });

  it('lists, validates, checks roles and credentials', async () => {
    const o = await order('confirmed');
    await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id));
    expect((await t.http.get(`${SHIPPING}/?order_id=${o.id}`).set(a.auth)).body.count).toBe(1);
    expect((await t.http.get(`${SHIPPING}/?status=lost`).set(a.auth)).status).toBe(400);
    const bad = await t.http.post(`${SHIPPING}/`).set(a.auth).send({ shipping_cost: -1, estimated_delivery: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ order_id: ['This field is required.'], carrier: ['This field is required.'] });
    const viewer = await addMember(t.http, a);
    expect((await t.http.get(`${SHIPPING}/`).set(viewer.auth)).status).toBe(200);
    expect((await t.http.post(`${SHIPPING}/`).set(viewer.auth).send(body(o.id))).status).toBe(403);
    expect((await t.http.get(`${SHIPPING}/`)).status).toBe(401);
    expect((await t.http.get(`${SHIPPING}/analytics/`)).status).toBe(401);
  });

  it("answers 404 for another company's shipments and orders, and changes nothing", async () => {
    const o = await order('confirmed');
    const s = (await t.http.post(`${SHIPPING}/`).set(a.auth).send(body(o.id))).body;
    const other = await order('confirmed');
    const b = await registerCompany(t.http);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${SHIPPING}/${s.id}/`],
      ['patch', `${SHIPPING}/${s.id}/`, { status: 'delivered' }],
      ['post', `${SHIPPING}/`, body(other.id)],
    ]);
    const { rows } = await t.sql.query('select status from shipments where id = $1', [s.id]);
    expect(rows[0].status).toBe('shipped');
    expect((await t.http.get(`/api/v1/orders/${other.id}/`).set(a.auth)).body.status).toBe('confirmed');
    expect((await t.http.get(`${SHIPPING}/analytics/`).set(b.auth)).body.total_shipments).toBe(0);
  });
});
