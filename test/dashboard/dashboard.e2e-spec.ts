import type { Tenant } from '../support/factories';
import { createCustomer, createItem, createProduct, createWarehouse, importFinished, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** Document 003's dashboard, with every figure checked against sums the test computes from what it created. */
describe('dashboard', () => {
  let t: TestApp;
  let company: Tenant;
  const today = new Date().toISOString().slice(0, 10);
  const stock = [
    // warehouse, category, price, on hand, min level
    { w: 0, category: 'Tools', price: 10, quantity: 50, min: 5 },
    { w: 0, category: 'Tools', price: 2.5, quantity: 3, min: 5 },
    { w: 1, category: 'Paint', price: 7.25, quantity: 0, min: 0 },
    { w: 1, category: '', price: 100, quantity: 4, min: 1 },
  ];
  let warehouses: Array<{ id: number; code: string; name: string }>;
  let products: Array<{ id: number }>;
  const orders: Array<{ id: number; total: number; units: number }> = [];

  beforeAll(async () => {
    t = await startTestApp();
    company = await registerCompany(t.http);
    warehouses = [await createWarehouse(t.http, company, { name: 'A North' }), await createWarehouse(t.http, company, { name: 'B South' })];
    products = [];
    for (const row of stock) {
      const product = await createProduct(t.http, company, { price: row.price, category: row.category });
      products.push(product);
      await createItem(t.http, company, { product_id: product.id, warehouse_id: warehouses[row.w].id, quantity: row.quantity, min_stock_level: row.min });
    }
    const customer = await createCustomer(t.http, company);
    for (const lines of [
      [{ p: 0, q: 2 }],
      [
        { p: 0, q: 1 },
        { p: 3, q: 1 },
      ],
      [{ p: 1, q: 1 }],
      [{ p: 0, q: 4 }],
    ]) {
      const res = await t.http
        .post('/api/v1/orders/')
        .set(company.auth)
        .send({ customer_id: customer.id, items: lines.map((l) => ({ product_id: products[l.p].id, quantity: l.q })) })
        .expect(201);
      orders.push({ id: res.body.id, total: lines.reduce((sum, l) => sum + stock[l.p].price * l.q, 0), units: lines.reduce((n, l) => n + l.q, 0) });
    }
    // Order 2 is cancelled (not counted); order 3 confirmed; order 4 was placed 40 days ago.
    await t.http.patch(`/api/v1/orders/${orders[2].id}/status/`).set(company.auth).send({ status: 'cancelled' }).expect(200);
    await t.http.patch(`/api/v1/orders/${orders[1].id}/status/`).set(company.auth).send({ status: 'confirmed' }).expect(200);
    await t.sql.query(`update orders set created_at = now() - interval '40 days' where id = $1`, [orders[3].id]);
  });
  afterAll(() => t.close());

  const counted = () => [orders[0], orders[1], orders[3]];
  const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
  const reservedOf = (p: number) => (({ 0: 2 + 1 + 4, 3: 1 }) as Record<number, number>)[p] ?? 0;

  /** The stock figures the totals hold for a company (folded and pending), per warehouse and category. */
  const keptFigures = async (companyId: number) =>
    (
      await t.sql.query(
        `select json_agg(x order by x.warehouse_id, x.category) as figures from (
           select warehouse_id, category, sum(stock_rows)::int as rows, sum(on_hand)::int as on_hand, sum(reserved)::int as reserved,
                  sum(value)::float8 as value, sum(low)::int as low, sum(out)::int as out
             from (select company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out from stock_totals where company_id = $1 union all
                   select company_id, warehouse_id, category, stock_rows, on_hand, reserved, value, low, out from stock_total_changes where company_id = $1) k
            group by 1, 2 having sum(stock_rows) <> 0) x`,
        [companyId],
      )
    ).rows[0].figures;
  /** The same figures counted from the stock rows themselves. */
  const countedFigures = async (companyId: number) =>
    (
      await t.sql.query(
        `select json_agg(x order by x.warehouse_id, x.category) as figures from (
           select s.warehouse_id, p.category, count(*)::int as rows, sum(s.on_hand)::int as on_hand, sum(s.reserved)::int as reserved,
                  sum(s.on_hand * p.price)::float8 as value, (count(*) filter (where s.stock_status <> 'normal'))::int as low,
                  (count(*) filter (where s.stock_status = 'out'))::int as out
             from stock_levels s join products p on p.id = s.product_id where s.company_id = $1 group by 1, 2) x`,
        [companyId],
      )
    ).rows[0].figures;

  it('answers 003 metrics equal to sums over what was created', async () => {
    const res = await t.http.get('/api/v1/dashboard/metrics/').set(company.auth).expect(200);
    const lowRows = stock.filter((row, i) => row.quantity - reservedOf(i) <= row.min).length;
    expect(res.body).toEqual({
      total_sales: sum(counted().map((o) => o.total)),
      total_orders: 3,
      total_inventory_value: sum(stock.map((row) => row.quantity * row.price)),
      low_stock_items: lowRows,
      pending_orders: 2,
      // The order placed 40 days ago is always in an earlier calendar month.
      monthly_revenue: sum([orders[0].total, orders[1].total]),
      currency: 'USD',
      as_of: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('keeps its order totals equal to the orders, through placement, status changes and a moved date', async () => {
    const query = `select (select json_agg(x order by x.status, x.month) from (select status, month::text, sum(orders)::int as orders, sum(revenue)::float8 as revenue
                 from (select month, status, orders, revenue from order_totals where company_id = $1
                       union all select month, status, orders, revenue from order_total_changes where company_id = $1) k
                group by status, month having sum(orders) <> 0) x) as kept,
              (select json_agg(x order by x.status, x.month) from (select status, date_trunc('month', created_at at time zone 'UTC')::date::text as month,
                 count(*)::int as orders, sum(total)::float8 as revenue from orders where company_id = $1 group by 1, 2) x) as counted`;
    const { rows } = await t.sql.query(query, [company.companyId]);
    expect(rows[0].kept).toEqual(rows[0].counted);
    expect(rows[0].counted).toHaveLength(4);

    // A fold moves every pending change into the totals and changes no figure.
    await t.sql.query('begin');
    await t.sql.query('select order_totals_fold($1)', [company.companyId]);
    await t.sql.query('commit');
    const after = await t.sql.query(query, [company.companyId]);
    expect(after.rows[0].kept).toEqual(rows[0].counted);
    const pending = await t.sql.query('select count(*)::int as n from order_total_changes where company_id = $1', [company.companyId]);
    expect(pending.rows[0].n).toBe(0);
  });

  it('answers sales as a gap-free series by day, week and month', async () => {
    const start = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
    const daily = await t.http.get('/api/v1/dashboard/sales/').set(company.auth).query({ start_date: start, end_date: today }).expect(200);
    expect(daily.body.series).toHaveLength(46);
    expect(daily.body.series[0].period_start).toBe(start);
    expect(daily.body.series.at(-1)).toEqual({
      period_start: today,
      orders: 2,
      units: orders[0].units + orders[1].units,
      revenue: sum([orders[0].total, orders[1].total]),
    });
    expect(daily.body).toMatchObject({
      start_date: start,
      end_date: today,
      group_by: 'day',
      total_orders: 3,
      total_units: sum(counted().map((o) => o.units)),
      total_revenue: sum(counted().map((o) => o.total)),
    });
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    expect(daily.body.series.find((p: { period_start: string }) => p.period_start === fortyDaysAgo)).toMatchObject({ orders: 1, units: 4 });
    expect(daily.body.series.filter((p: { orders: number }) => p.orders === 0)).toHaveLength(44);

    const weekly = await t.http.get('/api/v1/dashboard/sales/').set(company.auth).query({ start_date: start, end_date: today, group_by: 'week' }).expect(200);
    for (const p of weekly.body.series) expect(new Date(`${p.period_start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weekly.body.total_revenue).toBe(daily.body.total_revenue);
    const monthly = await t.http.get('/api/v1/dashboard/sales/').set(company.auth).query({ start_date: start, end_date: today, group_by: 'month' }).expect(200);
    for (const p of monthly.body.series) expect(p.period_start.endsWith('-01')).toBe(true);
    expect(sum(monthly.body.series.map((p: { revenue: number }) => p.revenue))).toBe(daily.body.total_revenue);
  });

  it('refuses bad date ranges', async () => {
    for (const query of [
      { start_date: today },
      { start_date: '2024-02-01', end_date: '2024-01-01' },
      { start_date: '2023-01-01', end_date: '2024-01-02' },
      { start_date: '2024-13-45', end_date: '2024-12-31' },
      { start_date: '2024-01-01', end_date: '2024-01-31', group_by: 'year' },
    ]) {
      const res = await t.http.get('/api/v1/dashboard/sales/').set(company.auth).query(query);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_ERROR' });
    }
    await t.http.get('/api/v1/dashboard/sales/').set(company.auth).query({ start_date: '2024-01-01', end_date: '2024-12-31' }).expect(200);
  });

  it('answers stock per warehouse, per category and in total', async () => {
    const res = await t.http.get('/api/v1/dashboard/inventory-levels/').set(company.auth).expect(200);
    const figures = (rows: number[]) => ({
      total_quantity: sum(rows.map((i) => stock[i].quantity)),
      reserved_quantity: sum(rows.map((i) => reservedOf(i))),
      available_quantity: sum(rows.map((i) => stock[i].quantity - reservedOf(i))),
      inventory_value: sum(rows.map((i) => stock[i].quantity * stock[i].price)),
      low_stock_items: rows.filter((i) => stock[i].quantity - reservedOf(i) <= stock[i].min).length,
      out_of_stock_items: rows.filter((i) => stock[i].quantity - reservedOf(i) <= 0).length,
    });
    expect(res.body.warehouses).toEqual([
      { warehouse: { id: warehouses[0].id, code: warehouses[0].code, name: 'A North' }, ...figures([0, 1]) },
      { warehouse: { id: warehouses[1].id, code: warehouses[1].code, name: 'B South' }, ...figures([2, 3]) },
    ]);
    expect(res.body.categories).toEqual([
      { category: '', ...figures([3]) },
      { category: 'Paint', ...figures([2]) },
      { category: 'Tools', ...figures([0, 1]) },
    ]);
    expect(res.body.totals).toEqual(figures([0, 1, 2, 3]));
  });

  it('keeps its stock totals equal to the stock rows through adjustments, edits, price and category changes and folds', async () => {
    const other = await registerCompany(t.http);
    const [north, south] = [await createWarehouse(t.http, other), await createWarehouse(t.http, other)];
    const made = [];
    for (let i = 0; i < 6; i++) {
      const product = await createProduct(t.http, other, { price: 3 + i, category: i % 2 ? 'Odd' : 'Even' });
      const item = await createItem(t.http, other, { product_id: product.id, warehouse_id: (i < 3 ? north : south).id, quantity: 20, min_stock_level: 4 });
      made.push({ product, item });
    }
    // Concurrent writers of the same rows and a price change racing them.
    await Promise.all([
      ...made.flatMap(({ item }) =>
        [-3, 5, -7].map((delta) =>
          t.http.post('/api/v1/inventory/adjustments/').set(other.auth).send({ item_id: item.id, delta, reason: 'correction' }).expect(201),
        ),
      ),
      t.http.patch(`/api/v1/products/${made[0].product.id}/`).set(other.auth).send({ price: 11.5 }).expect(200),
      t.http.patch(`/api/v1/products/${made[1].product.id}/`).set(other.auth).send({ category: 'Moved', price: 0.25 }).expect(200),
    ]);
    await t.http.patch(`/api/v1/inventory/items/${made[2].item.id}/`).set(other.auth).send({ quantity: 2, min_stock_level: 9 }).expect(200);
    await t.http.patch(`/api/v1/inventory/items/${made[3].item.id}/`).set(other.auth).send({ quantity: 0 }).expect(200);
    const customer = await createCustomer(t.http, other);
    await t.http
      .post('/api/v1/orders/')
      .set(other.auth)
      .send({ customer_id: customer.id, items: [{ product_id: made[4].product.id, quantity: 6, warehouse_id: south.id }] })
      .expect(201);

    const counted = await countedFigures(other.companyId);
    expect(counted.map((g: { category: string }) => g.category).sort()).toEqual(['Even', 'Even', 'Moved', 'Odd']);
    expect(await keptFigures(other.companyId)).toEqual(counted);

    // Folding moves the pending changes into the totals and changes no figure.
    await t.sql.query('begin');
    await t.sql.query('select stock_totals_fold($1)', [other.companyId]);
    await t.sql.query('commit');
    const pending = await t.sql.query('select count(*)::int as n from stock_total_changes where company_id = $1', [other.companyId]);
    expect(pending.rows[0].n).toBe(0);
    expect(await keptFigures(other.companyId)).toEqual(counted);
    const levels = await t.http.get('/api/v1/dashboard/inventory-levels/').set(other.auth).expect(200);
    expect(levels.body.totals.inventory_value).toBe(sum(counted.map((g: { value: number }) => g.value)));
    expect(levels.body.totals.reserved_quantity).toBe(6);
  });

  it('keeps its stock totals exact through imports large enough to be planned per statement, and small changes after them', async () => {
    const bulk = await registerCompany(t.http);
    const [east, west] = [await createWarehouse(t.http, bulk, { code: 'EAST' }), await createWarehouse(t.http, bulk, { code: 'WEST' })];
    const rows = Array.from({ length: 1500 }, (_, i) => ({ sku: `BULK-${i}`, warehouse: i % 3 ? east.code : west.code, category: `C${i % 4}` }));
    const upload = async (header: string, line: (r: (typeof rows)[number], i: number) => string) => {
      const csv = [header, ...rows.map(line)].join('\n');
      const job = await t.http.post('/api/v1/inventory/bulk-import/').set(bulk.auth).attach('file', Buffer.from(csv), 'bulk.csv').expect(202);
      const done = await importFinished(t.http, bulk, job.body.id);
      expect(done).toMatchObject({ status: 'completed', processed_rows: rows.length, error_count: 0 });
    };
    // An initial load (new products and stock rows), then every quantity changed: some rows run
    // out, some fall to their minimum, some rise.
    await upload(
      'sku,warehouse_code,quantity,min_stock_level,name,price,category',
      (r, i) => `${r.sku},${r.warehouse},${i % 50},5,Bulk ${i},${(i % 7) + 0.5},${r.category}`,
    );
    expect(await keptFigures(bulk.companyId)).toEqual(await countedFigures(bulk.companyId));
    await upload('sku,warehouse_code,quantity', (r, i) => `${r.sku},${r.warehouse},${(i * 7) % 13}`);
    const counted = await countedFigures(bulk.companyId);
    expect(counted.reduce((n: number, g: { rows: number }) => n + g.rows, 0)).toBe(rows.length);
    expect(counted.some((g: { out: number }) => g.out > 0)).toBe(true);
    expect(await keptFigures(bulk.companyId)).toEqual(counted);

    // Small changes on the same connections afterwards still keep them exact.
    const item = (await t.sql.query(`select id from stock_levels where company_id = $1 order by id limit 1`, [bulk.companyId])).rows[0];
    await t.http
      .post('/api/v1/inventory/adjustments/')
      .set(bulk.auth)
      .send({ item_id: Number(item.id), delta: 40, reason: 'received' })
      .expect(201);
    const after = await countedFigures(bulk.companyId);
    expect(after).not.toEqual(counted);
    expect(await keptFigures(bulk.companyId)).toEqual(after);
  });

  it("counts nothing of another company's, and needs credentials", async () => {
    const stranger = await registerCompany(t.http);
    const metrics = await t.http.get('/api/v1/dashboard/metrics/').set(stranger.auth).expect(200);
    expect(metrics.body).toMatchObject({
      total_sales: 0,
      total_orders: 0,
      total_inventory_value: 0,
      low_stock_items: 0,
      pending_orders: 0,
      monthly_revenue: 0,
    });
    const levels = await t.http.get('/api/v1/dashboard/inventory-levels/').set(stranger.auth).expect(200);
    expect(levels.body).toEqual({
      warehouses: [],
      categories: [],
      totals: { total_quantity: 0, reserved_quantity: 0, available_quantity: 0, inventory_value: 0, low_stock_items: 0, out_of_stock_items: 0 },
    });
    const sales = await t.http.get('/api/v1/dashboard/sales/').set(stranger.auth).query({ start_date: today, end_date: today }).expect(200);
    expect(sales.body).toMatchObject({ total_orders: 0, series: [{ period_start: today, orders: 0, units: 0, revenue: 0 }] });
    for (const path of ['metrics', 'sales', 'inventory-levels']) expect((await t.http.get(`/api/v1/dashboard/${path}/`)).status).toBe(401);
  });
});
