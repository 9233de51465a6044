// The channels phase of `npm run bench`: dashboard and stock-list reads on a big company, a
// 10,000-product sync to a local `custom` double, and how fast a listing follows an order.
const http = require('node:http');
const autocannon = require('autocannon');

function read(url, token, seconds) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: 8, duration: seconds, headers: { authorization: `Bearer ${token}` } }, (err, r) =>
      err ? reject(err) : resolve({ requestsPerSecond: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, non2xx: r.non2xx }),
    ),
  );
}

/** A partner middleware answering 200 to every listing push, remembering the last quantity per SKU. */
async function double() {
  const last = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const listing = JSON.parse(Buffer.concat(chunks).toString());
      last.set(listing.sku, { quantity: listing.quantity, at: performance.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return { last, url: `http://127.0.0.1:${server.address().port}/listings`, close: () => new Promise((done) => server.close(done)) };
}

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** 100,000 orders for the company (its existing products and stock rows), as if a year of sales. */
async function addOrders(admin, company) {
  const { rows } = await admin.query(`select count(*)::int as n from orders where company_id = $1`, [company]);
  if (rows[0].n >= 100_000) return;
  await admin.query(`insert into customers (company_id, name) select $1, 'Bench buyer' where not exists (select 1 from customers where company_id = $1)`, [
    company,
  ]);
  await admin.query(
    `with c as (select id from customers where company_id = $1 limit 1),
          s as (select id, product_id, warehouse_id, row_number() over (order by id) as n from stock_levels where company_id = $1 limit 1000),
          o as (
            insert into orders (company_id, customer_id, status, total, created_at)
            select $1, (select id from c), (array['pending','confirmed','shipped','delivered','cancelled'])[1 + g % 5], 10 + g % 90,
                   now() - make_interval(days => g % 365)
              from generate_series(1, 100000) g
            returning id)
     insert into order_lines (company_id, order_id, line_no, product_id, warehouse_id, stock_level_id, quantity, unit_price)
     select $1, o.id, 1, s.product_id, s.warehouse_id, s.id, 1, 10 from o join s on s.n = 1 + o.id % 1000`,
    [company],
  );
  await admin.query('vacuum analyze orders, order_lines, order_totals');
}

async function channelsBench({ port, admin, call, seconds, pushIntervalSeconds }) {
  const company = (await admin.query(`select id from companies where name = 'Bench 1'`)).rows[0].id;
  await addOrders(admin, company);
  const warehouse = (await admin.query(`select id from warehouses where company_id = $1 order by id limit 1`, [company])).rows[0].id;
  const rule = (await call('POST', '/stock-list-rules/', { name: 'Bench channel', warehouse_ids: [warehouse], safety_stock: 1 })).body;
  const list = (await call('POST', '/stock-lists/', { name: 'Bench channel', code: `BENCH-${Date.now()}`, rule_id: rule.id })).body;
  const base = `http://127.0.0.1:${port}/api/v1`;
  const reads = {};
  for (const [name, path] of [
    ['dashboardMetrics', '/dashboard/metrics/'],
    ['dashboardInventoryLevels', '/dashboard/inventory-levels/'],
    ['stockListStocks', `/stock-lists/${list.id}/stocks/?page_size=100`],
  ]) {
    await read(`${base}${path}`, call.token, 2);
    reads[name] = await read(`${base}${path}`, call.token, seconds);
  }

  // 10,000 products synced to a partner middleware.
  const middleware = await double();
  const connection = (
    await call('POST', '/marketplace/connections/', {
      platform: 'custom',
      name: 'Bench middleware',
      credentials: { endpoint_url: middleware.url },
      stock_list_id: list.id,
    })
  ).body;
  const started = performance.now();
  const job = (await call('POST', '/marketplace/products/sync/', { connection_id: connection.id, all: true })).body;
  await until(async () => (await call('GET', `/marketplace/sync-jobs/${job.id}/`)).body.status !== 'running', 600_000);
  const syncSeconds = (performance.now() - started) / 1000;
  const done = (await call('GET', `/marketplace/sync-jobs/${job.id}/`)).body;

  // An order on a listed product: how long until the middleware has the new quantity.
  const listed = (
    await admin.query(
      `select l.product_id, l.sku, l.quantity from marketplace_listings l where l.connection_id = $1 and l.quantity > 2 order by l.id limit 1`,
      [connection.id],
    )
  ).rows[0];
  const customer = (await call('POST', '/customers/', { name: 'Channel buyer' })).body;
  const ordered = performance.now();
  const order = await call('POST', '/orders/', {
    customer_id: customer.id,
    channel_connection_id: connection.id,
    items: [{ product_id: listed.product_id, quantity: 1, warehouse_id: warehouse }],
  });
  if (order.status !== 201) throw new Error(`order failed: ${JSON.stringify(order.body)}`);
  await until(() => middleware.last.get(listed.sku)?.quantity === listed.quantity - 1, (pushIntervalSeconds + 30) * 1000);
  const followSeconds = (middleware.last.get(listed.sku).at - ordered) / 1000;
  await call('PATCH', `/marketplace/connections/${connection.id}/`, { is_active: false });
  await middleware.close();
  return {
    reads,
    sync: {
      products: done.total,
      succeeded: done.succeeded,
      failed: done.failed,
      seconds: +syncSeconds.toFixed(2),
      productsPerSecond: Math.round(done.total / syncSeconds),
    },
    followsOrder: { seconds: +followSeconds.toFixed(2), pushIntervalSeconds, withinIntervalPlus2s: followSeconds <= pushIntervalSeconds + 2 },
  };
}

module.exports = { channelsBench };
