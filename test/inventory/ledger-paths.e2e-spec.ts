import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, importFinished, registerCompany, unique } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * Every path that changes stock writes through the one ledger writer: after each, the stock
 * row's on-hand and reserved equal the sums of its ledger rows, and a path that takes the row
 * from above its minimum to at or below it writes exactly one inventory.low_stock event with
 * the same payload. Each case starts from a fresh row: 10 on hand, minimum 5.
 */
describe('every stock path goes through the ledger writer', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number; code: string };
  let other: { id: number };
  let customer: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a, { code: 'LEDGER' });
    other = await createWarehouse(t.http, a);
    customer = await createCustomer(t.http, a);
  });
  afterAll(() => t.close());

  const ok = (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown> & { id: number };
  };
  const placeOrder = async (productId: number, quantity: number) =>
    ok(
      await t.http
        .post('/api/v1/orders/')
        .set(a.auth)
        .send({ customer_id: customer.id, items: [{ product_id: productId, quantity, warehouse_id: w.id }] }),
      201,
    );
  const setStatus = async (orderId: number, status: string) => ok(await t.http.patch(`/api/v1/orders/${orderId}/status/`).set(a.auth).send({ status }), 200);

  const paths: Array<
    [
      name: string,
      act: (p: { id: number; sku: string }, itemId: number) => Promise<unknown>,
      expected: { onHand: number; reserved: number; lowStockAt: number | null },
    ]
  > = [
    [
      'an adjustment',
      async (_p, item) => ok(await t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ item_id: item, delta: -6, reason: 'damaged' }), 201),
      { onHand: 4, reserved: 0, lowStockAt: 4 },
    ],
    [
      'a transfer',
      async (p) =>
        ok(
          await t.http
            .post('/api/v1/inventory/transfer/')
            .set(a.auth)
            .send({ product_id: p.id, from_warehouse_id: w.id, to_warehouse_id: other.id, quantity: 6 }),
          201,
        ),
      { onHand: 4, reserved: 0, lowStockAt: 4 },
    ],
    [
      'an item update',
      async (_p, item) => ok(await t.http.patch(`/api/v1/inventory/items/${item}/`).set(a.auth).send({ quantity: 5 }), 200),
      { onHand: 5, reserved: 0, lowStockAt: 5 },
    ],
    [
      'a stock count',
      async (p) => {
        const count = ok(
          await t.http
            .post('/api/v1/stock-counts/')
            .set(a.auth)
            .send({ lines: [{ sku: p.sku, warehouse_id: w.id, quantity: 3 }] }),
          201,
        );
        return ok(await t.http.post(`/api/v1/stock-counts/${count.id}/apply/`).set(a.auth).send({}), 200);
      },
      { onHand: 3, reserved: 0, lowStockAt: 3 },
    ],
    ['an order reservation', async (p) => placeOrder(p.id, 6), { onHand: 10, reserved: 6, lowStockAt: 4 }],
    [
      'a shipment of the order',
      async (p) => {
        const order = await placeOrder(p.id, 2);
        for (const status of ['confirmed', 'processing', 'shipped']) await setStatus(order.id, status);
      },
      { onHand: 8, reserved: 0, lowStockAt: null },
    ],
    [
      'a cancelled order',
      async (p) => {
        const order = await placeOrder(p.id, 7);
        await setStatus(order.id, 'cancelled');
      },
      // The reservation took the row low (3 available); the release does not write a second event.
      { onHand: 10, reserved: 0, lowStockAt: 3 },
    ],
    [
      'a CSV import',
      async (p) => {
        const csv = `sku,warehouse_code,quantity\n${p.sku},${w.code},2\n`;
        const job = ok(await t.http.post('/api/v1/inventory/bulk-import/').set(a.auth).attach('file', Buffer.from(csv), 'stock.csv'), 202);
        const done = await importFinished(t.http, a, job.id);
        if (done.status !== 'completed' || done.processed_rows !== 1) throw new Error(JSON.stringify(done));
      },
      { onHand: 2, reserved: 0, lowStockAt: 2 },
    ],
  ];

  it.each(paths)('%s', async (_name, act, expected) => {
    const sku = unique('LEDGER-');
    const product = await createProduct(t.http, a, { sku });
    const item = await createItem(t.http, a, { product_id: product.id, warehouse_id: w.id, quantity: 10, min_stock_level: 5 });
    await act({ id: product.id, sku }, item.id);

    const { rows } = await t.sql.query(
      `select s.on_hand, s.reserved, coalesce(sum(m.quantity_delta), 0)::int as booked_on_hand, coalesce(sum(m.reserved_delta), 0)::int as booked_reserved
         from stock_levels s left join stock_movements m on m.stock_level_id = s.id
        where s.id = $1 group by s.id`,
      [item.id],
    );
    expect(rows).toEqual([{ on_hand: expected.onHand, reserved: expected.reserved, booked_on_hand: expected.onHand, booked_reserved: expected.reserved }]);

    const events = await t.sql.query(`select payload from events where company_id = $1 and type = 'inventory.low_stock' and payload->>'stock_level_id' = $2`, [
      a.companyId,
      String(item.id),
    ]);
    expect(events.rows).toEqual(
      expected.lowStockAt === null
        ? []
        : [
            {
              payload: {
                stock_level_id: item.id,
                product_id: product.id,
                sku,
                warehouse_id: w.id,
                location_id: null,
                available: expected.lowStockAt,
                min_stock_level: 5,
              },
            },
          ],
    );
  });

  it('names only stock rows that exist: deleting stock rows deletes their ledger rows, and no other', async () => {
    const product = await createProduct(t.http, a, { sku: unique('LEDGER-GONE-') });
    const gone = await createItem(t.http, a, { product_id: product.id, warehouse_id: w.id, quantity: 10 });
    const kept = await createItem(t.http, a, { product_id: product.id, warehouse_id: other.id, quantity: 10 });
    await t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ item_id: gone.id, delta: -4, reason: 'correction' }).expect(201);
    const booked = async (id: number) => (await t.sql.query('select count(*)::int as n from stock_movements where stock_level_id = $1', [id])).rows[0].n;
    expect([await booked(gone.id), await booked(kept.id)]).toEqual([2, 1]);

    await t.sql.query('delete from stock_levels where id = $1', [gone.id]);
    expect([await booked(gone.id), await booked(kept.id)]).toEqual([0, 1]);
    const orphans = await t.sql.query(
      'select count(*)::int as n from stock_movements m where m.company_id = $1 and not exists (select 1 from stock_levels s where s.id = m.stock_level_id)',
      [a.companyId],
    );
    expect(orphans.rows[0].n).toBe(0);
  });
});
