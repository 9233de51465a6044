import { EVENT_TYPES } from '../../src/events/event-types';
import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, importFinished, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** What each change writes to the outbox, in its own transaction: types from the catalogue, with their payloads. */
describe('the outbox', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number; code: string };
  let product: { id: number; sku: string };
  let customer: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a);
    product = await createProduct(t.http, a, { price: 12.5 });
    await createItem(t.http, a, { product_id: product.id, warehouse_id: w.id, quantity: 100 });
    customer = await createCustomer(t.http, a);
  });
  afterAll(() => t.close());

  const since = async () => Number((await t.sql.query('select coalesce(max(id), 0)::int as id from events')).rows[0].id);
  const written = async (after: number) =>
    (await t.sql.query('select type, payload from events where company_id = $1 and id > $2 order by id', [a.companyId, after])).rows as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
  const placeOrder = async () => {
    const res = await t.http
      .post('/api/v1/orders/')
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 2 }] });
    expect(res.status).toBe(201);
    return res.body as { id: number };
  };
  const status = (id: number, to: string) => t.http.patch(`/api/v1/orders/${id}/status/`).set(a.auth).send({ status: to });

  it('order.created with the order, its customer, total and items', async () => {
    const before = await since();
    const order = await placeOrder();
    expect(await written(before)).toEqual([
      {
        type: 'order.created',
        payload: { order_id: order.id, customer_id: customer.id, total: 25, status: 'pending', items: [{ product_id: product.id, quantity: 2 }] },
      },
    ]);
  });

  it('order.cancelled and order.updated when an order is cancelled', async () => {
    const order = await placeOrder();
    const before = await since();
    expect((await status(order.id, 'cancelled')).status).toBe(200);
    const orderData = { order_id: order.id, customer_id: customer.id, total: 25, status: 'cancelled', items: [{ product_id: product.id, quantity: 2 }] };
    expect(await written(before)).toEqual([
      { type: 'order.cancelled', payload: { ...orderData, previous_status: 'pending' } },
      { type: 'order.updated', payload: { ...orderData, previous_status: 'pending' } },
    ]);
  });

  it('shipment.created when a shipment is recorded', async () => {
    const order = await placeOrder();
    await status(order.id, 'confirmed');
    const before = await since();
    const shipment = await t.http.post('/api/v1/shipping/').set(a.auth).send({ order_id: order.id, carrier: 'ups', tracking_number: '1Z1' });
    expect(shipment.status).toBe(201);
    const events = await written(before);
    expect(events.filter((e) => e.type === 'shipment.created')).toEqual([
      { type: 'shipment.created', payload: { shipment_id: shipment.body.id, order_id: order.id, carrier: 'ups', tracking_number: '1Z1' } },
    ]);
    expect(events.filter((e) => e.type === 'order.updated').map((e) => e.payload.status)).toEqual(['processing', 'shipped']);
  });

  it('stock_count.applied when a count is applied', async () => {
    const count = await t.http
      .post('/api/v1/stock-counts/')
      .set(a.auth)
      .send({ lines: [{ sku: product.sku, warehouse_id: w.id, quantity: 90 }] });
    const before = await since();
    expect((await t.http.post(`/api/v1/stock-counts/${count.body.id}/apply/`).set(a.auth).send({})).status).toBe(200);
    expect(await written(before)).toEqual([
      { type: 'stock_count.applied', payload: { stock_count_id: count.body.id, warehouse_ids: [w.id], lines: 1, adjusted_lines: 1 } },
    ]);
  });

  it('inventory.import.completed when an import finishes, applied or refused', async () => {
    const before = await since();
    const upload = (csv: string, query = '') => t.http.post(`/api/v1/inventory/bulk-import/${query}`).set(a.auth).attach('file', Buffer.from(csv), 'stock.csv');
    const applied = await upload(`sku,warehouse_id,quantity\n${product.sku},${w.id},80\nNOPE,${w.id},1\n`);
    await importFinished(t.http, a, applied.body.id);
    const refused = await upload(`sku,warehouse_id,quantity\nNOPE,${w.id},1\n`, '?mode=all_or_nothing');
    await importFinished(t.http, a, refused.body.id);
    expect((await written(before)).filter((e) => e.type === 'inventory.import.completed')).toEqual([
      { type: 'inventory.import.completed', payload: { import_id: applied.body.id, status: 'completed', total_rows: 2, processed_rows: 1, error_count: 1 } },
      { type: 'inventory.import.completed', payload: { import_id: refused.body.id, status: 'failed', total_rows: 1, processed_rows: 0, error_count: 1 } },
    ]);
  });

  it('writes no type outside the catalogue', async () => {
    const { rows } = await t.sql.query('select distinct type from events');
    expect(rows.map((r) => r.type).filter((type: string) => !(type in EVENT_TYPES))).toEqual([]);
  });
});
