// The webhooks phase of `npm run bench`: fan-out throughput and commit-to-receipt latency of
// the relay, and what two subscribed endpoints cost order placement.
const http = require('node:http');
const autocannon = require('autocannon');

/** A local receiver that answers 204 and notes when each delivery arrived. */
async function receiver() {
  const arrivals = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({ at: performance.now(), id: Number(req.headers['webhook-id']), body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return { arrivals, url: `http://127.0.0.1:${server.address().port}/hooks`, close: () => new Promise((done) => server.close(done)) };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function spreadOrders({ port, token, customerId, products, seconds }) {
  let i = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: `http://127.0.0.1:${port}/api/v1/orders/`,
        connections: 32,
        duration: seconds,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const p = products[i++ % products.length];
              return {
                ...req,
                body: JSON.stringify({ customer_id: customerId, items: [{ product_id: p.product_id, quantity: 1, warehouse_id: p.warehouse_id }] }),
              };
            },
          },
        ],
      },
      (err, r) =>
        err ? reject(err) : resolve({ ordersPerSecond: Math.round(r.requests.average), p99ms: r.latency.p99, created: r['2xx'], errors: r['5xx'] + r.errors }),
    ),
  );
}

/**
 * 1. Orders spread over 1,000 products without endpoints, then with two endpoints subscribed to
 *    "*" (each order.created goes to both): the ratio is what delivery costs the write path.
 * 2. 10,000 events committed at once, fanned out to both endpoints: deliveries per second.
 * 3. Orders at a steady 100/s: latency from the order's answer (its commit) to each receipt.
 */
async function webhooksBench({ port, admin, call, seconds }) {
  const company = (await admin.query(`select id from companies where name = 'Bench 2'`)).rows[0].id;
  const customer = (await call('POST', '/customers/', { name: 'Webhook bench customer' })).body;
  const products = (
    await admin.query(`select product_id, warehouse_id from stock_levels where company_id = $1 and on_hand - reserved > 20 order by id limit 1000`, [company])
  ).rows;
  const orderArgs = { port, token: call.token, customerId: customer.id, products, seconds };

  const without = await spreadOrders(orderArgs);
  const receivers = [await receiver(), await receiver()];
  const endpoints = [];
  for (const r of receivers) endpoints.push((await call('POST', '/webhooks/', { url: r.url, enabled_events: ['*'] })).body);
  const withEndpoints = await spreadOrders(orderArgs);
  // Let the relay drain what the order load queued before measuring anything else.
  const queued = async () => (await admin.query(`select count(*)::int as n from webhook_deliveries where status = 'pending'`)).rows[0].n;
  const drainStarted = performance.now();
  while ((await queued()) > 0) await new Promise((r) => setTimeout(r, 100));
  const drainSeconds = (performance.now() - drainStarted) / 1000;

  // The burst: 10,000 events in one commit (as an import or a busy minute would write them).
  for (const r of receivers) r.arrivals.length = 0;
  const { rows } = await admin.query(
    `insert into events (company_id, type, payload) select $1, 'inventory.low_stock', jsonb_build_object('stock_level_id', g, 'available', 1)
       from generate_series(1, 10000) g returning id`,
    [company],
  );
  const burstStarted = performance.now();
  const expected = rows.length * receivers.length;
  await until(() => receivers.reduce((n, r) => n + r.arrivals.length, 0) >= expected, 300_000);
  const burstSeconds = (performance.now() - burstStarted) / 1000;

  // Steady: 100 orders a second for `seconds`, each timed from its answer to its receipts.
  for (const r of receivers) r.arrivals.length = 0;
  const answered = new Map();
  const steadyEnd = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < steadyEnd) {
    const tick = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const p = products[n++ % products.length];
        const res = await call('POST', '/orders/', {
          customer_id: customer.id,
          items: [{ product_id: p.product_id, quantity: 1, warehouse_id: p.warehouse_id }],
        });
        if (res.status === 201) answered.set(res.body.id, performance.now());
      }),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - tick))));
  }
  await until(() => receivers.every((r) => r.arrivals.filter((a) => a.body.includes('"order.created"')).length >= answered.size), 60_000);
  const latencies = [];
  for (const r of receivers) {
    for (const a of r.arrivals) {
      const event = JSON.parse(a.body);
      if (event.type !== 'order.created') continue;
      const at = answered.get(event.data.order_id);
      if (at !== undefined) latencies.push(Math.max(0, a.at - at));
    }
  }

  for (const e of endpoints) await call('DELETE', `/webhooks/${e.id}/`);
  for (const r of receivers) await r.close();
  return {
    ordersWithoutEndpoints: without,
    ordersWithTwoEndpoints: withEndpoints,
    ordersOfWithout: +(withEndpoints.ordersPerSecond / without.ordersPerSecond).toFixed(2),
    drainAfterOrderLoadSeconds: +drainSeconds.toFixed(1),
    burst: { events: rows.length, deliveries: expected, seconds: +burstSeconds.toFixed(2), deliveriesPerSecond: Math.round(expected / burstSeconds) },
    steady: {
      orders: answered.size,
      deliveries: latencies.length,
      commitToReceiptP50ms: Math.round(percentile(latencies, 50)),
      commitToReceiptP99ms: Math.round(percentile(latencies, 99)),
    },
  };
}

module.exports = { webhooksBench };
