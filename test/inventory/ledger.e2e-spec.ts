import type { Tenant } from '../support/factories';
import { createItem, createProduct, createWarehouse, registerCompany } from '../support/factories';
import { expectForeignIdsNotFound } from '../support/isolation';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('the stock ledger: adjustments, transfers, movements, stocks (000)', () => {
  let t: TestApp;
  let a: Tenant;
  let w1: { id: number };
  let w2: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w1 = await createWarehouse(t.http, a);
    w2 = await createWarehouse(t.http, a);
  });
  afterAll(() => t.close());

  const adjust = (body: object, who: Tenant = a) => t.http.post('/api/v1/inventory/adjustments/').set(who.auth).send(body);
  const transfer = (body: object, who: Tenant = a) => t.http.post('/api/v1/inventory/transfer/').set(who.auth).send(body);

  describe('POST inventory/adjustments/', () => {
    it('adds and removes with a reason, answering the movement and the item', async () => {
      const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w1.id, quantity: 10 });
      const res = await adjust({ item_id: item.id, delta: -3, reason: 'damaged', reference: 'RMA-7' });
      expect(res.status).toBe(201);
      expect(res.body.movement).toMatchObject({
        item_id: item.id,
        type: 'adjustment',
        quantity_delta: -3,
        quantity_after: 7,
        reason: 'damaged',
        reference: 'RMA-7',
        user_id: a.userId,
      });
      expect(res.body.item.quantity).toBe(7);
    });

    it('creates the item when adding to a product not stocked there yet', async () => {
      const p = await createProduct(t.http, a);
      const res = await adjust({ product_id: p.id, warehouse_id: w2.id, delta: 12, reason: 'received' });
      expect(res.status).toBe(201);
      expect(res.body.item).toMatchObject({ quantity: 12, product: { id: p.id }, warehouse: { id: w2.id } });
    });

    it('refuses to go below zero with 409 INSUFFICIENT_STOCK and books nothing', async () => {
      const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: w1.id, quantity: 2 });
      const res = await adjust({ item_id: item.id, delta: -3, reason: 'lost' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
      const { rows } = await t.sql.query('select count(*)::int as n from stock_movements where stock_level_id = $1', [item.id]);
      expect(rows[0].n).toBe(1);
    });

    it('lets a warehouse that allows negative stock go below zero', async () => {
      const neg = await createWarehouse(t.http, a, { allow_negative_stock: true });
      const item = await createItem(t.http, a, { product_id: (await createProduct(t.http, a)).id, warehouse_id: neg.id, quantity: 1 });
      const res = await adjust({ item_id: item.id, delta: -5, reason: 'correction' });
      expect(res.status).toBe(201);
      expect(res.body.item).toMatchObject({ quantity: -4, stock_status: 'out' });
      // Turning the setting off while stock is negative would break the rule: refused.
      expect((await t.http.patch(`/api/v1/masterdata/warehouses/${neg.id}/`).set(a.auth).send({ allow_negative_stock: false })).status).toBe(409);
    });

    it('validates the body', async () => {
      const res = await adjust({ delta: 0, reason: 'because' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ item_id: ['This field is required.'], delta: ['Must not be zero.'], reason: ['"because" is not a valid choice.'] });
    });
  });

  describe('low-stock events', () => {
    it('writes inventory.low_stock once when a row crosses its minimum', async () => {
      const p = await createProduct(t.http, a, { sku: 'LOW-1' });
      const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 10, min_stock_level: 5 });
      await adjust({ item_id: item.id, delta: -4, reason: 'lost' });
      await adjust({ item_id: item.id, delta: -2, reason: 'lost' });
      await adjust({ item_id: item.id, delta: -1, reason: 'lost' });
      const { rows } = await t.sql.query(`select type, payload from events where company_id = $1 and payload->>'stock_level_id' = $2`, [
        a.companyId,
        String(item.id),
      ]);
      expect(rows).toEqual([
        {
          type: 'inventory.low_stock',
          payload: { stock_level_id: item.id, product_id: p.id, sku: 'LOW-1', warehouse_id: w1.id, location_id: null, available: 4, min_stock_level: 5 },
        },
      ]);
    });
  });

  describe('POST inventory/transfer/', () => {
    it('moves stock atomically, both legs under one reference', async () => {
      const p = await createProduct(t.http, a);
      await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 100 });
      const res = await transfer({ product_id: p.id, from_warehouse_id: w1.id, to_warehouse_id: w2.id, quantity: 25, reason: 'Rebalancing stock' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ quantity: 25, reference: expect.stringMatching(/^transfer:/), from: { quantity: 75 }, to: { quantity: 25 } });
      const legs = await t.http.get(`/api/v1/inventory/movements/?reference=${encodeURIComponent(res.body.reference)}`).set(a.auth);
      expect(legs.body.results.map((m: { type: string; quantity_delta: number }) => [m.type, m.quantity_delta]).sort()).toEqual([
        ['transfer_in', 25],
        ['transfer_out', -25],
      ]);
    });

    it('answers 409 for more than the source has, and moves nothing', async () => {
      const p = await createProduct(t.http, a);
      const source = await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 5 });
      const res = await transfer({ product_id: p.id, from_warehouse_id: w1.id, to_warehouse_id: w2.id, quantity: 6 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
      const { rows } = await t.sql.query('select warehouse_id, on_hand from stock_levels where product_id = $1 order by warehouse_id', [p.id]);
      expect(rows).toEqual([{ warehouse_id: w1.id, on_hand: 5 }]);
      expect(source.quantity).toBe(5);
      const none = await transfer({ product_id: (await createProduct(t.http, a)).id, from_warehouse_id: w1.id, to_warehouse_id: w2.id, quantity: 1 });
      expect(none.status).toBe(409);
    });

    it('moves between bins of one warehouse', async () => {
      const bin1 = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'B1', code: 'B1', provider: w1.id })).body;
      const bin2 = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'B2', code: 'B2', provider: w1.id })).body;
      const p = await createProduct(t.http, a);
      await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, location_id: bin1.id, quantity: 8 });
      const res = await transfer({
        product_id: p.id,
        from_warehouse_id: w1.id,
        to_warehouse_id: w1.id,
        from_location_id: bin1.id,
        to_location_id: bin2.id,
        quantity: 3,
      });
      expect(res.status).toBe(201);
      expect(res.body.to.location).toMatchObject({ id: bin2.id, code: 'B2' });
    });

    it('validates: same place, bad quantity, missing fields', async () => {
      const same = await transfer({ product_id: 1, from_warehouse_id: w1.id, to_warehouse_id: w1.id, quantity: 1 });
      expect(same.status).toBe(400);
      const bad = await transfer({ quantity: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ product_id: ['This field is required.'], quantity: ['Ensure this value is greater than or equal to 1.'] });
    });
  });

  describe('GET inventory/movements/ and stocks/', () => {
    it('filters the ledger by product, warehouse, type and dates', async () => {
      const p = await createProduct(t.http, a);
      const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 5 });
      await adjust({ item_id: item.id, delta: 2, reason: 'found' });
      const byProduct = await t.http.get(`/api/v1/inventory/movements/?product_id=${p.id}`).set(a.auth);
      expect(byProduct.body.results.map((m: { type: string }) => m.type)).toEqual(['adjustment', 'initial']);
      const byType = await t.http.get(`/api/v1/inventory/movements/?product_id=${p.id}&type=initial&ordering=created_at`).set(a.auth);
      expect(byType.body.count).toBe(1);
      const today = new Date().toISOString().slice(0, 10);
      expect((await t.http.get(`/api/v1/inventory/movements/?product_id=${p.id}&date_from=${today}&date_to=${today}`).set(a.auth)).body.count).toBe(2);
      expect((await t.http.get(`/api/v1/inventory/movements/?product_id=${p.id}&date_to=2000-01-01`).set(a.auth)).body.count).toBe(0);
      for (const bad of ['date_from=yesterday', 'type=gift', 'ordering=reason']) {
        expect((await t.http.get(`/api/v1/inventory/movements/?${bad}`).set(a.auth)).status).toBe(400);
      }
    });

    it("answers Whippy Ware's stock rows by sku, provider and location", async () => {
      const p = await createProduct(t.http, a, { sku: 'WW-SKU-1' });
      await createItem(t.http, a, { product_id: p.id, warehouse_id: w2.id, quantity: 4 });
      const res = await t.http.get('/api/v1/stocks/?sku=WW-SKU-1').set(a.auth);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        {
          id: expect.any(Number),
          sku: 'WW-SKU-1',
          provider: w2.id,
          location: null,
          stock: 4,
          reserved_stock: 0,
          stock_type: 'standard',
          unit_type: 'qty',
          is_active: true,
          created_date: expect.stringMatching(/Z$/),
          modified_date: expect.stringMatching(/Z$/),
        },
      ]);
      expect((await t.http.get(`/api/v1/stocks/?sku=WW-SKU-1&provider=${w1.id}`).set(a.auth)).body.count).toBe(0);
      expect((await t.http.get('/api/v1/stocks/?provider=abc').set(a.auth)).status).toBe(400);
      expect((await t.http.get('/api/v1/stocks/')).status).toBe(401);
    });
  });

  describe('company isolation', () => {
    it("answers 404 for another company's items, products and warehouses, and moves nothing", async () => {
      const p = await createProduct(t.http, a);
      const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 9 });
      const b = await registerCompany(t.http);
      const bw = await createWarehouse(t.http, b);
      await expectForeignIdsNotFound(t.http, b, [
        ['post', '/api/v1/inventory/adjustments/', { item_id: item.id, delta: -1, reason: 'lost' }],
        ['post', '/api/v1/inventory/adjustments/', { product_id: p.id, warehouse_id: bw.id, delta: 1, reason: 'found' }],
        ['post', '/api/v1/inventory/transfer/', { product_id: p.id, from_warehouse_id: w1.id, to_warehouse_id: bw.id, quantity: 1 }],
        ['get', `/api/v1/inventory/items/${item.id}/`],
      ]);
      const { rows } = await t.sql.query('select on_hand from stock_levels where id = $1', [item.id]);
      expect(rows[0].on_hand).toBe(9);
      expect((await t.http.get(`/api/v1/inventory/movements/?item_id=${item.id}`).set(b.auth)).body.count).toBe(0);
      expect((await t.http.get(`/api/v1/stocks/?sku=${p.sku}`).set(b.auth)).body.count).toBe(0);
      expect((await t.http.post('/api/v1/inventory/adjustments/').send({})).status).toBe(401);
      expect((await t.http.post('/api/v1/inventory/transfer/').send({})).status).toBe(401);
      expect((await t.http.get('/api/v1/inventory/movements/')).status).toBe(401);
    });
  });
});

describe('stock under concurrency, and the ledger invariant', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it('ends exactly where the arithmetic says under parallel adjustments and transfers, never below zero', async () => {
    const w1 = await createWarehouse(t.http, a);
    const w2 = await createWarehouse(t.http, a);
    const p = await createProduct(t.http, a);
    const item = await createItem(t.http, a, { product_id: p.id, warehouse_id: w1.id, quantity: 50 });
    // 80 removals of 1 compete for 50 units; 20 transfers of 1 to w2 compete too.
    const requests = [
      ...Array.from({ length: 80 }, () => t.http.post('/api/v1/inventory/adjustments/').set(a.auth).send({ item_id: item.id, delta: -1, reason: 'lost' })),
      ...Array.from({ length: 20 }, () =>
        t.http.post('/api/v1/inventory/transfer/').set(a.auth).send({ product_id: p.id, from_warehouse_id: w1.id, to_warehouse_id: w2.id, quantity: 1 }),
      ),
    ];
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const succeeded = statuses.filter((s) => s === 201).length;
    expect(succeeded).toBe(50);
    const { rows } = await t.sql.query('select warehouse_id, on_hand from stock_levels where product_id = $1 order by warehouse_id', [p.id]);
    const transferred = rows.find((r) => r.warehouse_id === w2.id)?.on_hand ?? 0;
    expect(rows.find((r) => r.warehouse_id === w1.id)!.on_hand).toBe(0);
    expect(transferred).toBe(statuses.slice(80).filter((s) => s === 201).length);
  });

  it('keeps on-hand equal to the sum of movements for every row after a random mix of operations', async () => {
    const warehouses = [await createWarehouse(t.http, a), await createWarehouse(t.http, a)];
    const products = [await createProduct(t.http, a), await createProduct(t.http, a), await createProduct(t.http, a)];
    const items: number[] = [];
    for (const p of products) items.push((await createItem(t.http, a, { product_id: p.id, warehouse_id: warehouses[0].id, quantity: 20 })).id);
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const operations = Array.from({ length: 120 }, () => {
      const kind = random(4);
      const product = products[random(products.length)];
      if (kind === 0)
        return t.http
          .post('/api/v1/inventory/adjustments/')
          .set(a.auth)
          .send({ item_id: items[random(items.length)], delta: random(11) - 5 || 1, reason: 'correction' });
      if (kind === 1) {
        const [from, to] = random(2) === 0 ? warehouses : [...warehouses].reverse();
        return t.http
          .post('/api/v1/inventory/transfer/')
          .set(a.auth)
          .send({ product_id: product.id, from_warehouse_id: from.id, to_warehouse_id: to.id, quantity: random(5) + 1 });
      }
      if (kind === 2)
        return t.http
          .patch(`/api/v1/inventory/items/${items[random(items.length)]}/`)
          .set(a.auth)
          .send({ quantity: random(30) });
      return t.http
        .post('/api/v1/inventory/bulk-update/')
        .set(a.auth)
        .send({ updates: items.map((id) => ({ id, data: { quantity: random(25) } })) });
    });
    const statuses = (await Promise.all(operations)).map((r) => r.status);
    expect(statuses.filter((s) => ![200, 201, 404, 409].includes(s))).toEqual([]);
    const { rows } = await t.sql.query(
      `
      select s.id, s.on_hand, coalesce(sum(m.quantity_delta), 0)::int as ledger
        from stock_levels s left join stock_movements m on m.stock_level_id = s.id
       where s.company_id = $1 group by s.id`,
      [a.companyId],
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row.ledger).toBe(row.on_hand);
    for (const row of rows) expect(row.on_hand).toBeGreaterThanOrEqual(0);
  });
});
