import type { Tenant } from '../support/factories';
import { createCustomer, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

/** Answers link to what they relate to: an order to its payments, shipments and bins; a creation to its URL. */
describe('linked resources', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number };
  let bin: { id: number };
  let product: { id: number; sku: string };
  let customer: { id: number };

  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a);
    bin = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'Shelf', code: 'S-1', provider: w.id })).body;
    product = await createProduct(t.http, a, { price: 50 });
    await t.http
      .post('/api/v1/inventory/adjustments/')
      .set(a.auth)
      .send({ product_id: product.id, warehouse_id: w.id, location_id: bin.id, delta: 10, reason: 'received' });
    customer = await createCustomer(t.http, a);
  });
  afterAll(() => t.close());

  it('answers an order with its payment status, amounts, shipments and the bin each line reserved', async () => {
    const created = await t.http
      .post('/api/v1/orders/')
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 2 }] });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/orders/${created.body.id}/`);
    expect(created.body).toMatchObject({ total: 100, payment_status: 'unpaid', amount_paid: 0, amount_due: 100, shipment_ids: [] });
    expect(created.body.items[0]).toMatchObject({ warehouse_id: w.id, location_id: bin.id });
    const id = created.body.id as number;

    const pay = (amount: number) =>
      t.http.post('/api/v1/payments/transactions/').set(a.auth).send({ order_id: id, amount, currency: 'USD', payment_method: 'cash' });
    expect((await pay(30)).status).toBe(201);
    expect((await t.http.get(`/api/v1/orders/${id}/`).set(a.auth)).body).toMatchObject({ payment_status: 'partially_paid', amount_paid: 30, amount_due: 70 });
    expect((await pay(70)).status).toBe(201);

    for (const status of ['confirmed', 'processing']) await t.http.patch(`/api/v1/orders/${id}/status/`).set(a.auth).send({ status });
    const shipment = await t.http.post('/api/v1/shipping/').set(a.auth).send({ order_id: id, carrier: 'UPS' });
    expect(shipment.headers.location).toBe(`/api/v1/shipping/${shipment.body.id}/`);

    const order = await t.http.get(`/api/v1/orders/${id}/`).set(a.auth);
    expect(order.body).toMatchObject({ payment_status: 'paid', amount_paid: 100, amount_due: 0, shipment_ids: [shipment.body.id] });
    expect(order.body.items[0].location_id).toBe(bin.id);
    const listed = await t.http.get(`/api/v1/orders/?customer_id=${customer.id}`).set(a.auth);
    expect(listed.body.results[0]).toMatchObject({ id, payment_status: 'paid', shipment_ids: [shipment.body.id] });
  });

  it('puts the URL of what a POST created in Location, on both path forms and on replays', async () => {
    const product2 = await t.http.post('/api/products/').set(a.auth).set('Idempotency-Key', 'loc-1').send({ name: 'Located' });
    expect(product2.headers.location).toBe(`/api/products/${product2.body.id}/`);
    const replay = await t.http.post('/api/products/').set(a.auth).set('Idempotency-Key', 'loc-1').send({ name: 'Located' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(product2.headers.location);

    const warehouse = await t.http.post('/api/v1/masterdata/warehouses/').set(a.auth).send({ name: 'Second', code: 'SEC' });
    expect(warehouse.headers.location).toBe(`/api/v1/masterdata/warehouses/${warehouse.body.warehouse.id}/`);
    const nestedBin = await t.http.post(`/api/v1/masterdata/warehouses/${w.id}/locations/`).set(a.auth).send({ name: 'Nested', code: 'N-1' });
    expect(nestedBin.status).toBe(201);
    expect(nestedBin.headers.location).toBe(`/api/v1/stock-locations/${nestedBin.body.id}/`);
    expect((await t.http.get(nestedBin.headers.location).set(a.auth)).status).toBe(200);
  });

  it('points every other creation at what it created, readable there by its company only', async () => {
    const customerOrder = await t.http
      .post('/api/v1/orders/')
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] });
    const payment = await t.http
      .post('/api/v1/payments/transactions/')
      .set(a.auth)
      .send({ order_id: customerOrder.body.id, amount: 5, currency: 'USD', payment_method: 'cash' });
    expect(payment.headers.location).toBe(`/api/v1/payments/transactions/${payment.body.id}/`);
    const gateway = await t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'Manual', gateway_type: 'manual' });
    expect(gateway.headers.location).toBe(`/api/v1/payments/gateways/${gateway.body.id}/`);
    for (const [location, body] of [
      [payment.headers.location, payment.body],
      [gateway.headers.location, gateway.body],
    ] as const) {
      const read = await t.http.get(location).set(a.auth);
      expect([read.status, read.body]).toEqual([200, body]);
    }
    const key = await t.http.post('/api/v1/auth/tokens/').set(a.auth).send({ name: 'feed' });
    expect(key.headers.location).toBe(`/api/v1/auth/tokens/${key.body.id}/`);
    const adjusted = await t.http
      .post('/api/v1/inventory/adjustments/')
      .set(a.auth)
      .send({ product_id: product.id, warehouse_id: w.id, location_id: bin.id, delta: 1, reason: 'found' });
    expect(adjusted.headers.location).toBe(`/api/v1/inventory/items/${adjusted.body.item.id}/`);

    const password = 'Correct-Horse-42';
    const signUp = await t.http
      .post('/api/v1/accounts/auth/register/')
      .send({ company_name: 'Located Co', username: 'located', email: 'located@example.com', password, password_confirm: password });
    expect(signUp.headers.location).toBe(`/api/v1/users/${signUp.body.user.id}/`);
    const stranger = { auth: { Authorization: `Bearer ${signUp.body.tokens.access}` } } as Tenant;
    expect((await t.http.get(signUp.headers.location).set(stranger.auth)).status).toBe(200);
    await expectForeignIdsNotFound(t.http, stranger, [
      ['get', payment.headers.location],
      ['get', gateway.headers.location],
    ]);
  });

  it("points the import's 202 at its job", async () => {
    const res = await t.http
      .post('/api/v1/inventory/bulk-import/')
      .set(a.auth)
      .attach('file', Buffer.from(`sku,warehouse_id,quantity\n${product.sku},${w.id},4\n`), 'stock.csv');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/inventory/imports/${res.body.id}/`);
    expect((await t.http.get(res.headers.location).set(a.auth)).status).toBe(200);
  });
});
