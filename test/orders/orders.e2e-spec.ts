import type { Tenant } from '../support/factories';
import { ADDRESS, addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { expectForeignIdsNotFound } from '../support/isolation';

const ORDERS = '/api/v1/orders';

describe('orders (003)', () => {
  let t: TestApp;
  let a: Tenant;
  let w1: { id: number };
  let w2: { id: number };
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    a = await registerCompany(t.http);
    w1 = await createWarehouse(t.http, a);
    w2 = await createWarehouse(t.http, a);
  });
  afterAll(() => t.close());

  async function stocked(quantity: number, price = 999.99, warehouse = w1) {
    const product = await createProduct(t.http, a, { price });
    const item = await createItem(t.http, a, { product_id: product.id, warehouse_id: warehouse.id, quantity });
    return { product, item };
  }
  const level = async (itemId: number) => (await t.sql.query('select on_hand, reserved from stock_levels where id = $1', [itemId])).rows[0];

  it("creates an order from 003's body, reserving stock and computing the total", async () => {
    const { product, item } = await stocked(10);
    const customer = await createCustomer(t.http, a);
    const res = await t.http
      .post(`${ORDERS}/`)
      .set(a.auth)
      .send({
        customer_id: customer.id,
        items: [{ product_id: product.id, quantity: 2, unit_price: 999.99 }],
        shipping_address: ADDRESS,
        billing_address: ADDRESS,
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customer_id: customer.id,
      status: 'pending',
      total: 1999.98,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [{ product_id: product.id, sku: product.sku, warehouse_id: w1.id, quantity: 2, unit_price: 999.99, line_total: 1999.98 }],
      notes: [],
      status_history: [{ from_status: null, to_status: 'pending' }],
    });
    expect(await level(item.id)).toEqual({ on_hand: 10, reserved: 2 });
    const { rows } = await t.sql.query(`select type, payload from events where type = 'order.created' and payload->>'order_id' = $1`, [String(res.body.id)]);
    expect(rows[0].payload).toMatchObject({ order_id: res.body.id, customer_id: customer.id, total: 1999.98 });
    expect((await t.http.get(`${ORDERS}/${res.body.id}/`).set(a.auth)).body).toEqual(res.body);
  });

  it("takes 003's minimal body: the product's price, the customer's address, the best warehouse", async () => {
    const product = await createProduct(t.http, a, { price: 12.5 });
    await createItem(t.http, a, { product_id: product.id, warehouse_id: w1.id, quantity: 3 });
    const rich = await createItem(t.http, a, { product_id: product.id, warehouse_id: w2.id, quantity: 8 });
    const customer = await createCustomer(t.http, a);
    const res = await t.http
      .post(`${ORDERS}/`)
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 4 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 50, shipping_address: ADDRESS, billing_address: ADDRESS, items: [{ warehouse_id: w2.id, unit_price: 12.5 }] });
    expect(await level(rich.id)).toEqual({ on_hand: 8, reserved: 4 });
  });

  it('answers a multi-line order with a note exactly as reading it back shows it', async () => {
    const first = await stocked(10, 3.33);
    const second = await stocked(10, 0.1);
    const customer = await createCustomer(t.http, a);
    const res = await t.http
      .post(`${ORDERS}/`)
      .set(a.auth)
      .send({
        customer_id: customer.id,
        items: [
          { product_id: second.product.id, quantity: 3 },
          { product_id: first.product.id, quantity: 3, unit_price: 1.15 },
          { product_id: second.product.id, quantity: 2, warehouse_id: w1.id },
        ],
        notes: 'Leave at the back door',
      });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(3.95);
    expect(res.body.items.map((i: { product_id: number; line_total: number }) => [i.product_id, i.line_total])).toEqual([
      [second.product.id, 0.3],
      [first.product.id, 3.45],
      [second.product.id, 0.2],
    ]);
    expect(res.body.notes).toMatchObject([{ note: 'Leave at the back door', user_id: a.userId }]);
    expect((await t.http.get(`${ORDERS}/${res.body.id}/`).set(a.auth)).body).toEqual(res.body);
    expect(await level(second.item.id)).toEqual({ on_hand: 10, reserved: 5 });
    const { rows } = await t.sql.query(`select payload from events where type = 'order.created' and payload->>'order_id' = $1`, [String(res.body.id)]);
    expect(rows[0].payload.items).toEqual([
      { product_id: second.product.id, quantity: 3 },
      { product_id: first.product.id, quantity: 3 },
      { product_id: second.product.id, quantity: 2 },
    ]);
  });

  it('fails the whole order with 409 INSUFFICIENT_STOCK naming the lines, reserving nothing', async () => {
    const ok = await stocked(5);
    const short = await stocked(1);
    const customer = await createCustomer(t.http, a);
    const res = await t.http
      .post(`${ORDERS}/`)
      .set(a.auth)
      .send({
        customer_id: customer.id,
        items: [
          { product_id: ok.product.id, quantity: 2 },
          { product_id: short.product.id, quantity: 2 },
        ],
      });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(res.body['items[1]']).toEqual([`Not enough stock of ${short.product.sku} for 2.`]);
    expect(await level(ok.item.id)).toEqual({ on_hand: 5, reserved: 0 });
    const { rows } = await t.sql.query('select count(*)::int as n from orders where customer_id = $1', [customer.id]);
    expect(rows[0].n).toBe(0);
  });

  it('moves along the flow: shipping deducts, the ledger balances; anything else is 409', async () => {
    const { product, item } = await stocked(10);
    const customer = await createCustomer(t.http, a);
    const order = (
      await t.http
        .post(`${ORDERS}/`)
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 3 }] })
    ).body;
    const to = (status: string, note?: string) => t.http.patch(`${ORDERS}/${order.id}/status/`).set(a.auth).send({ status, note });
    expect((await to('shipped')).status).toBe(409);
    expect((await to('confirmed')).status).toBe(200);
    expect((await to('processing')).status).toBe(200);
    const shipped = await to('shipped', 'Order shipped via UPS');
    expect(shipped.status).toBe(200);
    expect(shipped.body.status_history.at(-1)).toMatchObject({
      from_status: 'processing',
      to_status: 'shipped',
      note: 'Order shipped via UPS',
      user_id: a.userId,
    });
    expect(await level(item.id)).toEqual({ on_hand: 7, reserved: 0 });
    const wrong = await to('cancelled');
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await to('delivered')).body.status).toBe('delivered');
    const { rows } = await t.sql.query(`select type, quantity_delta, reserved_delta from stock_movements where reference = $1 order by id`, [
      `order:${order.id}`,
    ]);
    expect(rows).toEqual([
      { type: 'reserve', quantity_delta: 0, reserved_delta: 3 },
      { type: 'ship', quantity_delta: -3, reserved_delta: -3 },
    ]);
    const ledger = await t.sql.query('select sum(quantity_delta)::int as q, sum(reserved_delta)::int as r from stock_movements where stock_level_id = $1', [
      item.id,
    ]);
    expect(ledger.rows[0]).toEqual({ q: 7, r: 0 });
    expect((await to('bogus')).status).toBe(400);
  });

  it('cancelling releases the reservation', async () => {
    const { product, item } = await stocked(4);
    const customer = await createCustomer(t.http, a);
    const order = (
      await t.http
        .post(`${ORDERS}/`)
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 4 }] })
    ).body;
    expect(await level(item.id)).toEqual({ on_hand: 4, reserved: 4 });
    expect((await t.http.patch(`${ORDERS}/${order.id}/status/`).set(a.auth).send({ status: 'cancelled' })).status).toBe(200);
    expect(await level(item.id)).toEqual({ on_hand: 4, reserved: 0 });
    const { rows } = await t.sql.query(`select type from events where type = 'order.updated' and payload->>'order_id' = $1`, [String(order.id)]);
    expect(rows).toHaveLength(1);
  });

  it("adds notes and lists orders with 003's filters", async () => {
    const { product } = await stocked(20, 10);
    const customer = await createCustomer(t.http, a);
    const small = (
      await t.http
        .post(`${ORDERS}/`)
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] })
    ).body;
    const big = (
      await t.http
        .post(`${ORDERS}/`)
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 5 }] })
    ).body;
    const note = await t.http.post(`${ORDERS}/${big.id}/notes/`).set(a.auth).send({ note: 'Customer requested expedited shipping' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ note: 'Customer requested expedited shipping', user_id: a.userId });
    expect((await t.http.get(`${ORDERS}/${big.id}/`).set(a.auth)).body.notes).toHaveLength(1);
    await t.http.patch(`${ORDERS}/${small.id}/status/`).set(a.auth).send({ status: 'confirmed' });
    const q = async (query: string) => (await t.http.get(`${ORDERS}/?customer_id=${customer.id}&${query}`).set(a.auth)).body;
    expect((await q('')).results.map((o: { id: number }) => o.id)).toEqual([big.id, small.id]);
    expect((await q('status=confirmed')).results.map((o: { id: number }) => o.id)).toEqual([small.id]);
    expect((await q('min_total=20')).results.map((o: { id: number }) => o.id)).toEqual([big.id]);
    expect((await q('max_total=20')).results.map((o: { id: number }) => o.id)).toEqual([small.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await q(`date_from=${today}&date_to=${today}`)).count).toBe(2);
    expect((await q('date_to=2000-01-01')).count).toBe(0);
    expect((await q('ordering=total')).results.map((o: { id: number }) => o.id)).toEqual([small.id, big.id]);
    for (const bad of ['status=lost', 'date_from=soon', 'min_total=abc', 'ordering=secret']) {
      expect((await t.http.get(`${ORDERS}/?${bad}`).set(a.auth)).status).toBe(400);
    }
    expect((await t.http.post(`${ORDERS}/${big.id}/notes/`).set(a.auth).send({ note: '' })).status).toBe(400);
  });

  it('validates the order body', async () => {
    const res = await t.http
      .post(`${ORDERS}/`)
      .set(a.auth)
      .send({ items: [{ product_id: 1, quantity: 0, unit_price: 1.001 }], shipping_address: { city: 'X' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      customer_id: ['This field is required.'],
      'items[0].quantity': ['Ensure this value is greater than or equal to 1.'],
      'items[0].unit_price': ['A valid number with at most two decimals is required.'],
      'shipping_address.street': ['This field is required.'],
    });
    expect((await t.http.post(`${ORDERS}/`).set(a.auth).send({ customer_id: 1, items: [] })).status).toBe(400);
  });

  it('never oversells: 200 parallel orders for 50 units, exactly 50 succeed', async () => {
    const { product, item } = await stocked(50, 5);
    const customer = await createCustomer(t.http, a);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        t.http
          .post(`${ORDERS}/`)
          .set(a.auth)
          .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(await level(item.id)).toEqual({ on_hand: 50, reserved: 50 });
    const { rows } = await t.sql.query('select sum(quantity_delta)::int as q, sum(reserved_delta)::int as r from stock_movements where stock_level_id = $1', [
      item.id,
    ]);
    expect(rows[0]).toEqual({ q: 50, r: 50 });
    // The refused orders left nothing behind: no order, line, history or event.
    const written = await t.sql.query(
      `select (select count(*)::int from orders where customer_id = $1) as orders,
              (select count(*)::int from order_lines where stock_level_id = $2) as lines,
              (select count(*)::int from events where type = 'order.created' and (payload->>'customer_id')::int = $1) as events`,
      [customer.id, item.id],
    );
    expect(written.rows[0]).toEqual({ orders: 50, lines: 50, events: 50 });
  }, 60_000);

  it('keeps viewers to reading; needs credentials', async () => {
    const viewer = await addMember(t.http, a);
    expect((await t.http.get(`${ORDERS}/`).set(viewer.auth)).status).toBe(200);
    expect(
      (
        await t.http
          .post(`${ORDERS}/`)
          .set(viewer.auth)
          .send({ customer_id: 1, items: [{ product_id: 1, quantity: 1 }] })
      ).status,
    ).toBe(403);
    expect((await t.http.get(`${ORDERS}/`)).status).toBe(401);
    expect((await t.http.patch(`${ORDERS}/1/status/`).send({ status: 'confirmed' })).status).toBe(401);
    expect((await t.http.post(`${ORDERS}/1/notes/`).send({ note: 'x' })).status).toBe(401);
  });

  it("answers 404 for another company's orders, customers and products, and changes nothing", async () => {
    const { product, item } = await stocked(5);
    const customer = await createCustomer(t.http, a);
    const order = (
      await t.http
        .post(`${ORDERS}/`)
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] })
    ).body;
    const b = await registerCompany(t.http);
    const bCustomer = await createCustomer(t.http, b);
    await expectForeignIdsNotFound(t.http, b, [
      ['get', `${ORDERS}/${order.id}/`],
      ['patch', `${ORDERS}/${order.id}/status/`, { status: 'cancelled' }],
      ['post', `${ORDERS}/${order.id}/notes/`, { note: 'x' }],
      ['post', `${ORDERS}/`, { customer_id: customer.id, items: [{ product_id: product.id, quantity: 1 }] }],
      ['post', `${ORDERS}/`, { customer_id: bCustomer.id, items: [{ product_id: product.id, quantity: 1 }] }],
    ]);
    expect(await level(item.id)).toEqual({ on_hand: 5, reserved: 1 });
    expect((await t.http.get(`${ORDERS}/`).set(b.auth)).body.count).toBe(0);
    expect((await t.http.delete(`/api/v1/customers/${customer.id}/`).set(a.auth)).status).toBe(409);
  });
});
