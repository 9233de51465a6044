// npm run bench: seeds a database, starts the real server, and measures it against floors.
// Results print as a table and are written to bench/results/latest.json; bench/README.md
// records them with the machine and the date.
const { fork, spawn } = require('node:child_process');
const { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync, chmodSync, openAsBlob, statSync } = require('node:fs');
const { once } = require('node:events');
const os = require('node:os');
const http = require('node:http');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { seed, PASSWORD } = require('./seed');
const { importFloor } = require('./import-floor');

const root = path.join(__dirname, '..');
const APP_PORT = 8101;
const FLOOR_PORT = 8102;
const DURATION = Number(process.env.BENCH_SECONDS || 15);
const CONNECTIONS = 32;
const WARM_UP_SECONDS = 10;
const POOL = Number(process.env.BENCH_POOL || 10);
const APP_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-1234';
const results = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  date: new Date().toISOString(),
};

const log = (...args) => console.log('[bench]', ...args);

async function database() {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/src/database/embedded-postgres.js'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stockroom-bench-'));
  chmodSync(dir, 0o755);
  // Sized for this machine (24 GB) as a deployment would be, instead of PostgreSQL's 128 MB
  // defaults: a million-row import's indexes then stay in memory, and no checkpoint forced by
  // WAL volume falls in the middle of one. App and floors run against the same server.
  const settings = { shared_buffers: '2GB', max_wal_size: '8GB', checkpoint_timeout: '30min', maintenance_work_mem: '512MB' };
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'stockroom_bench', persistent: false, settings });
  return { url: server.url('stockroom_bench'), stop: () => server.stop() };
}

function startApp(url) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(POOL),
    PORT: String(APP_PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: APP_JWT_SECRET,
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    THROTTLE_AUTH_PER_HOUR: '1000000000',
    THROTTLE_ANON_PER_HOUR: '1000000000',
    THROTTLE_BURST_PER_MINUTE: '1000000000',
    THROTTLE_LOGIN_PER_MINUTE: '1000000000',
    // The webhook phase delivers to receivers on this machine.
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOKS_REQUIRE_HTTPS: 'false',
    // The channels phase times how fast a listing follows an order; a short interval keeps it brief.
    MARKETPLACE_PUSH_INTERVAL_S: '5',
  };
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function waitFor(url, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function login(email) {
  const res = await fetch(`http://127.0.0.1:${APP_PORT}/api/v1/accounts/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await res.json();
  if (!body.access) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.access;
}

const CLOCK_TICKS = Number(require('node:child_process').execSync('getconf CLK_TCK'));

/** User and system CPU a process has used, in milliseconds. */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * autocannon against one server; with its pid, also the server process's CPU per request: the
 * work each side spends per request, apart from how the shared cores were split during the run.
 */
function load(url, headers = {}, duration = DURATION, pid = undefined) {
  const cpuBefore = pid && cpuMsOf(pid);
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, r) => {
      if (err) return reject(err);
      const cpuMsPerRequest = pid ? +((cpuMsOf(pid) - cpuBefore) / r.requests.total).toFixed(3) : undefined;
      resolve({
        requestsPerSecond: Math.round(r.requests.average),
        p50ms: r.latency.p50,
        p99ms: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        cpuMsPerRequest,
      });
    });
  });
}

/** Two runs of one server as one: mean throughput and CPU per request, the worse p50 and p99, every failure. */
function combined(a, b) {
  return {
    requestsPerSecond: Math.round((a.requestsPerSecond + b.requestsPerSecond) / 2),
    p50ms: Math.max(a.p50ms, b.p50ms),
    p99ms: Math.max(a.p99ms, b.p99ms),
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    runs: [a.requestsPerSecond, b.requestsPerSecond],
    cpuMsPerRequest: a.cpuMsPerRequest === undefined ? undefined : +((a.cpuMsPerRequest + b.cpuMsPerRequest) / 2).toFixed(3),
  };
}

async function latency(url, headers, n = 40) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50ms: +times[Math.floor(n / 2)].toFixed(2), p99ms: +times[n - 1].toFixed(2) };
}

/** Every run sets different quantities (`shift`), so every row is a real change with a ledger row. */
async function writeImportFile(file, shift) {
  const out = createWriteStream(file);
  out.write('sku,warehouse_code,quantity\n');
  for (let p = 1; p <= 1000; p++) {
    for (let w = 1; w <= 1000; w++) {
      if (!out.write(`SKU-${String(p).padStart(6, '0')},WH-${String(w).padStart(4, '0')},${(p + w + shift) % 300}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** An initial load: 1,000,000 SKUs never seen before (named by `stamp`), spread over the company's 1,000 warehouses. */
async function writeInitialLoadFile(file, stamp) {
  const out = createWriteStream(file);
  out.write('sku,warehouse_code,quantity,name,price\n');
  for (let n = 1; n <= 1_000_000; n++) {
    const line = `NEW-${stamp}-${n},WH-${String(1 + (n % 1000)).padStart(4, '0')},${n % 300},New product ${n},${(n % 1000) + 0.99}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Vacuums what the last import wrote and checkpoints, outside the measurement: otherwise
 * autovacuum works through a million changed rows (tens of seconds) while the next import
 * runs, and the floor, measured right after the app, pays for the app's import.
 */
async function settle(admin) {
  // An autovacuum already at work on these tables steps aside for this one.
  await admin.query('vacuum (analyze) products, stock_levels, stock_movements, events');
  await admin.query('checkpoint');
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) * 1024;
}

const api = (token) =>
  Object.assign(
    async (method, path, body) => {
      const res = await fetch(`http://127.0.0.1:${APP_PORT}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { token },
  );

/**
 * A lean JSON client for load loops: node:http on kept-alive sockets. fetch costs the load
 * generator, which shares the machine's two cores with the server and PostgreSQL, about
 * twice as much CPU per request.
 */
function leanClient(token, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body && JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: APP_PORT,
          path: `/api/v1${path}`,
          method,
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(payload && { 'content-length': Buffer.byteLength(payload) }) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            let parsed = null;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString());
            } catch {}
            resolve({ status: res.statusCode, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** Runs `clients` loops of `step` until one answers false; returns successes and seconds. */
async function race(clients, step) {
  let done = false;
  let ok = 0;
  let other = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done) {
        const outcome = await step();
        if (outcome === 'ok') ok++;
        else if (outcome === 'out') done = true;
        else other++;
      }
    }),
  );
  return { ok, other, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Issue 6: the hot SKU (exactly 10,000 orders for 10,000 units) against a bare pg floor, and spread load. */
async function ordersBench(url, admin) {
  const call = api(await login('bench-2@bench.example'));
  const customer = (await call('POST', '/customers/', { name: 'Bench customer' })).body;
  // Four stock rows no earlier run reserved from (BENCH_DATABASE_URL databases are reused).
  const fresh = (
    await admin.query(
      `select s.id from stock_levels s join companies c on c.id = s.company_id
      where c.name = 'Bench 2' and s.reserved = 0 and s.on_hand <> 10000 order by s.id limit 4`,
    )
  ).rows.map((r) => r.id);
  const items = await Promise.all(fresh.map(async (id) => (await call('GET', `/inventory/items/${id}/`)).body));
  for (const item of items) {
    await call('POST', '/inventory/adjustments/', { item_id: item.id, delta: 10000 - item.quantity, reason: 'received' });
  }
  const company = (await admin.query('select company_id from stock_levels where id = $1', [items[0].id])).rows[0].company_id;
  const lean = leanClient(call.token, 64);
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: url, max: 64 });

  // The app: 64 clients ordering one unit each until it runs out.
  async function appRound(hot) {
    const order = { customer_id: customer.id, items: [{ product_id: hot.product.id, quantity: 1, warehouse_id: hot.warehouse.id }] };
    const run = await race(64, async () => {
      const res = await lean('POST', '/orders/', order);
      return res.status === 201 ? 'ok' : res.body?.error?.code === 'INSUFFICIENT_STOCK' ? 'out' : 'error';
    });
    const level = (await admin.query('select on_hand, reserved from stock_levels where id = $1', [hot.id])).rows[0];
    return { ...run, level };
  }
  // The floor: the same conditional UPDATE straight through pg, 64 clients, same tenant setting.
  function floorRound(item) {
    return race(64, async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`select set_config('app.company_id', $1, true), set_config('role', 'stockroom_app', true)`, [String(company)]);
        const r = await client.query(
          'update stock_levels set reserved = reserved + 1, updated_at = now() where company_id = $1 and id = $2 and on_hand - reserved >= 1 returning id',
          [company, item.id],
        );
        await client.query('commit');
        return r.rowCount === 1 ? 'ok' : 'out';
      } finally {
        client.release();
      }
    });
  }
  // Spread orders through the same harness as the hot SKU (64 clients, one unit each, 10,000
  // orders), over 1,000 stock rows with room for them: the two differ only in where the units come from.
  const products = (
    await admin.query(
      `select s.product_id, s.warehouse_id from stock_levels s
        where s.company_id = $1 and s.on_hand - s.reserved >= 40 and s.location_id is null and s.id <> all ($2::bigint[])
        order by s.id limit 1000`,
      [company, fresh],
    )
  ).rows;
  let placed = 0;
  const spreadRound = (orders = 10000) => {
    const last = placed + orders;
    return race(64, async () => {
      if (placed >= last) return 'out';
      const p = products[placed++ % products.length];
      const res = await lean('POST', '/orders/', {
        customer_id: customer.id,
        items: [{ product_id: p.product_id, quantity: 1, warehouse_id: p.warehouse_id }],
      });
      return res.status === 201 ? 'ok' : 'error';
    });
  };
  // The order path warms first (2,000 spread orders, not counted): the phases before only read,
  // and the first round would otherwise pay for V8 compiling the write path.
  await spreadRound(2000);
  // Hot, spread, floor, floor, spread, hot: whatever drifts while the benchmark runs (the machine
  // settling after the seed, the ledger growing) weighs on each pair alike.
  const app1 = await appRound(items[0]);
  const spread1 = await spreadRound();
  const floor1 = await floorRound(items[1]);
  const floor2 = await floorRound(items[2]);
  const spread2 = await spreadRound();
  const app2 = await appRound(items[3]);
  await pool.end();
  const apps = [app1, app2];
  const floors = [floor1, floor2];
  const spreads = [spread1, spread2];
  const perSecond = (runs) => runs.reduce((n, r) => n + r.ok, 0) / runs.reduce((t, r) => t + r.seconds, 0);

  // Spread latency: orders over the same 1,000 stock rows at 32 connections (autocannon).
  const spread = await new Promise((resolve, reject) => {
    let i = 0;
    autocannon(
      {
        url: `http://127.0.0.1:${APP_PORT}/api/v1/orders/`,
        connections: 32,
        duration: DURATION,
        method: 'POST',
        headers: { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const p = products[i++ % products.length];
              return {
                ...req,
                body: JSON.stringify({ customer_id: customer.id, items: [{ product_id: p.product_id, quantity: 1, warehouse_id: p.warehouse_id }] }),
              };
            },
          },
        ],
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({
              requestsPerSecond: Math.round(r.requests.average),
              p50ms: r.latency.p50,
              p99ms: r.latency.p99,
              created: r['2xx'],
              refused: r['4xx'],
              errors: r['5xx'] + r.errors,
            }),
    );
  });
  return {
    hotSku: {
      rounds: apps.map((r) => ({
        units: 10000,
        succeeded: r.ok,
        otherAnswers: r.other,
        reserved: r.level.reserved,
        oversold: r.level.reserved > r.level.on_hand,
        seconds: +r.seconds.toFixed(2),
        ordersPerSecond: Math.round(r.ok / r.seconds),
      })),
      ordersPerSecond: Math.round(perSecond(apps)),
    },
    hotSkuFloor: {
      rounds: floors.map((r) => ({ succeeded: r.ok, seconds: +r.seconds.toFixed(2), updatesPerSecond: Math.round(r.ok / r.seconds) })),
      updatesPerSecond: Math.round(perSecond(floors)),
    },
    ofFloor: +(perSecond(apps) / perSecond(floors)).toFixed(2),
    spreadSameHarness: {
      rounds: spreads.map((r) => ({ succeeded: r.ok, otherAnswers: r.other, seconds: +r.seconds.toFixed(2), ordersPerSecond: Math.round(r.ok / r.seconds) })),
      ordersPerSecond: Math.round(perSecond(spreads)),
    },
    hotOfSpread: +(perSecond(apps) / perSecond(spreads)).toFixed(2),
    spread,
  };
}

/** Uploads a CSV as the import user and waits for the job; seconds from upload to done, and the server's peak RSS. */
async function importThroughApp(file, pid) {
  const token = await login('import-1@bench.example');
  let peakRss = rssOf(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 50);
  const started = process.hrtime.bigint();
  const form = new FormData();
  form.append('file', await openAsBlob(file), path.basename(file));
  const upload = await fetch(`http://127.0.0.1:${APP_PORT}/api/v1/inventory/bulk-import/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  let job = await upload.json();
  while (job.status === 'processing' || job.status === 'pending') {
    await new Promise((r) => setTimeout(r, 100));
    job = await (await fetch(`http://127.0.0.1:${APP_PORT}/api/v1/inventory/imports/${job.id}/`, { headers: { authorization: `Bearer ${token}` } })).json();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  if (job.status !== 'completed' || job.processed_rows !== job.total_rows) throw new Error(`import ${job.status}: ${JSON.stringify(job).slice(0, 500)}`);
  return { rows: job.total_rows, seconds: +seconds.toFixed(2), peakRssMiB: Math.round(peakRss / 2 ** 20) };
}

async function main() {
  const db = await database();
  let app;
  let floor;
  try {
    log('starting the server (migrations run at start-up)');
    app = startApp(db.url);
    await waitFor(`http://127.0.0.1:${APP_PORT}/health/ready`);

    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const alreadySeeded = (await admin.query(`select count(*)::int as n from companies where name = 'Bench 1'`)).rows[0].n > 0;
    if (!alreadySeeded) {
      log('seeding');
      const seeded = await seed(db.url);
      const { vacuum_analyze: vacuum, ...building } = seeded.timings;
      results.seed = {
        ...seeded,
        seconds: +Object.values(building)
          .reduce((a, b) => a + b, 0)
          .toFixed(1),
        vacuumSeconds: +vacuum.toFixed(1),
      };
      log('seed', JSON.stringify(results.seed));
    }
    const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
    const runs = (part) => !only || only.includes(part);
    const company = (await admin.query(`select id from companies where name = 'Bench 1'`)).rows[0].id;

    if (runs('list')) {
      // The request path: four reads, each against a floor doing the same database work bare
      // (bench/floor-server.js), app then floor, one after the other.
      const token = await login('bench-1@bench.example');
      const auth = { authorization: `Bearer ${token}` };
      const call = api(token);
      const itemId = (await admin.query('select min(id) as id from stock_levels where company_id = $1', [company])).rows[0].id;
      let orderId = (await admin.query('select max(id) as id from orders where company_id = $1', [company])).rows[0].id;
      if (!orderId) {
        const customer = (await call('POST', '/customers/', { name: 'Bench reader' })).body;
        const item = (await call('GET', `/inventory/items/${itemId}/`)).body;
        orderId = (
          await call('POST', '/orders/', { customer_id: customer.id, items: [{ product_id: item.product.id, quantity: 1, warehouse_id: item.warehouse.id }] })
        ).body.id;
      }
      floor = fork(path.join(__dirname, 'floor-server.js'), [], {
        env: { ...process.env, DATABASE_URL: db.url, PORT: String(FLOOR_PORT), POOL: String(POOL), JWT_SECRET: APP_JWT_SECRET },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await once(floor, 'message');
      const reads = [
        ['itemDetail', `/inventory/items/${itemId}/`, `/items/${itemId}`],
        ['inventoryList', '/inventory/items/?page_size=20&stock_status=normal&ordering=-quantity', '/items'],
        ['orderDetail', `/orders/${orderId}/`, `/orders/${orderId}`],
        ['productList', '/products/?page_size=20', '/products'],
      ];
      results.requestPath = {};
      for (const [name, appPath, floorPath] of reads) {
        const appUrl = `http://127.0.0.1:${APP_PORT}/api/v1${appPath}`;
        const floorUrl = `http://127.0.0.1:${FLOOR_PORT}${floorPath}`;
        log(`${name}: warming up under load, then app, floor, floor, app`);
        // Both servers warm at full load first: a few dozen requests leave V8 compiling the hot
        // path through the first seconds of a measurement, and the app has more of it to compile.
        await load(appUrl, auth, WARM_UP_SECONDS);
        await load(floorUrl, auth, WARM_UP_SECONDS);
        // App, floor, floor, app: what drifts during the phase weighs on both alike.
        const app1 = await load(appUrl, auth, DURATION, app.pid);
        const floor1 = await load(floorUrl, auth, DURATION, floor.pid);
        const floor2 = await load(floorUrl, auth, DURATION, floor.pid);
        const app2 = await load(appUrl, auth, DURATION, app.pid);
        const appRun = combined(app1, app2);
        const floorRun = combined(floor1, floor2);
        results.requestPath[name] = { app: appRun, floor: floorRun, ofFloor: +(appRun.requestsPerSecond / floorRun.requestsPerSecond).toFixed(2) };
        log(name, JSON.stringify(results.requestPath[name]));
      }
      results.inventoryList = { ...results.requestPath.inventoryList.app, ofFloor: results.requestPath.inventoryList.ofFloor };
      results.floor = results.requestPath.inventoryList.floor;
      floor.kill();
    }

    if (runs('deep')) {
      log('deep pages');
      const deep = { authorization: `Bearer ${await login('deep-1@bench.example')}` };
      const items = `http://127.0.0.1:${APP_PORT}/api/v1/inventory/items/?page_size=20`;
      for (const url of [`${items}&page=1`, `${items}&page=10000`]) await latency(url, deep, 10);
      const page1 = await latency(`${items}&page=1`, deep);
      const page10000 = await latency(`${items}&page=10000`, deep);
      const firstDeep = await (await fetch(`${items}&page=10000`, { headers: deep })).json();
      const cursorUrl = firstDeep.results.length
        ? `${items}&cursor=${encodeURIComponent(Buffer.from(JSON.stringify([firstDeep.results[0].id - 1])).toString('base64url'))}`
        : null;
      if (cursorUrl) await latency(cursorUrl, deep, 10);
      const cursorDeep = cursorUrl ? await latency(cursorUrl, deep) : null;
      results.deepPages = { page1, page10000, cursorAtPage10000: cursorDeep };
      log('deep', JSON.stringify(results.deepPages));
    }
    if (runs('orders')) {
      results.orders = await ordersBench(db.url, admin);
      log('orders', JSON.stringify(results.orders));
    }
    if (runs('webhooks')) {
      log('webhooks: orders with and without two endpoints, a 10,000-event burst, steady latency');
      const { webhooksBench } = require('./webhooks');
      results.webhooks = await webhooksBench({ port: APP_PORT, admin, call: api(await login('bench-2@bench.example')), seconds: DURATION });
      log('webhooks', JSON.stringify(results.webhooks));
    }
    if (runs('channels')) {
      log('channels: dashboard and stock-list reads with 100,000 orders, a 10,000-product sync, a listing following an order');
      const { channelsBench } = require('./channels');
      results.channels = await channelsBench({
        port: APP_PORT,
        admin,
        call: api(await login('bench-1@bench.example')),
        seconds: DURATION,
        pushIntervalSeconds: 5,
      });
      log('channels', JSON.stringify(results.channels));
    }
    if (runs('import')) {
      // Two files, each imported by the app (upload to job done) and by the import floor (the same
      // database work, bench/import-floor.sql): every quantity of 1,000,000 existing stock rows
      // changed, and 1,000,000 new SKUs creating products and stock rows.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'stockroom-bench-import-'));
      const shift = 1 + (Date.now() % 90);
      const stamp = Date.now().toString(36);
      const files = {
        update: [path.join(dir, 'update-app.csv'), path.join(dir, 'update-floor.csv')],
        initialLoad: [path.join(dir, 'initial-app.csv'), path.join(dir, 'initial-floor.csv')],
      };
      log('import: writing the files (1,000,000 rows each)');
      await writeImportFile(files.update[0], shift);
      await writeImportFile(files.update[1], shift + 3);
      await writeInitialLoadFile(files.initialLoad[0], `${stamp}a`);
      await writeInitialLoadFile(files.initialLoad[1], `${stamp}b`);
      const importer = (await admin.query(`select u.id, u.company_id from users u where u.email = 'import-1@bench.example'`)).rows[0];
      results.import = {};
      for (const [name, [appFile, floorFile]] of Object.entries(files)) {
        if (only === null || only.length > 1 || name !== 'update') {
          // A fresh server, so the peak reflects the import, not garbage V8 has yet to collect
          // from the phases before (after the order load its live heap is ~55 MB, but it lets
          // the old generation grow to ~200 MB before a full collection).
          log('restarting the server for the import');
          app.kill();
          await once(app, 'exit');
          app = startApp(db.url);
          await waitFor(`http://127.0.0.1:${APP_PORT}/health/ready`);
        }
        await settle(admin);
        log(`import ${name}: the app`);
        const appRun = await importThroughApp(appFile, app.pid);
        log(`import ${name}: the floor`);
        await settle(admin);
        const floorSeconds = await importFloor(db.url, {
          company: importer.company_id,
          user: importer.id,
          file: floorFile,
          columns: name === 'update' ? 'sku, warehouse_code, quantity' : 'sku, warehouse_code, quantity, name, price',
        });
        results.import[name] = {
          rows: appRun.rows,
          fileMiB: +(statSync(appFile).size / 2 ** 20).toFixed(1),
          app: { seconds: appRun.seconds, rowsPerSecond: Math.round(appRun.rows / appRun.seconds), peakServerRssMiB: appRun.peakRssMiB },
          floor: { seconds: +floorSeconds.toFixed(2), rowsPerSecond: Math.round(appRun.rows / floorSeconds) },
          ofFloor: +(floorSeconds / appRun.seconds).toFixed(2),
        };
        log(`import ${name}`, JSON.stringify(results.import[name]));
      }
    }
    await admin.end();
  } finally {
    floor?.kill();
    app?.kill('SIGTERM');
    if (app) await once(app, 'exit').catch(() => undefined);
    await db.stop();
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
