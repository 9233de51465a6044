// The floors: a bare node:http + pg server doing per request what Stockroom's database side
// does and nothing else: verify the HS256 access token (jsonwebtoken with a KeyObject, as the
// app), check that its user is still active and the token not revoked (the same prepared call
// of identity_active_user on the pool), open the tenant transaction with the same one-message
// `start transaction; set_config(...)` (prepared statements on their generic plan, as the app runs
// them), run the same SQL as the app's route, commit, and write
// the rows as JSON. No framework, no validation, no mapping.
const http = require('node:http');
const { createSecretKey } = require('node:crypto');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');
const path = require('node:path');
const { ORDER_DETAIL } = require(path.join(__dirname, '../dist/src/orders/orders.repository.js'));
const { productPage } = require(path.join(__dirname, '../dist/src/products/products.repository.js'));
const { ITEM, itemPage } = require(path.join(__dirname, '../dist/src/inventory/items/items.repository.js'));

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL || 10) });
const port = Number(process.env.PORT);
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each route: the statements the app sends for it, in order, with their parameters. */
const routes = [
  {
    path: /^\/items\/(\d+)$/,
    async run(client, company, [id]) {
      // The app's own statement.
      const { rows } = await client.query({ name: 'floor_item', text: ITEM.text, values: ITEM.values({ company, id }) });
      return rows[0];
    },
  },
  {
    path: /^\/items$/,
    async run(client, company) {
      // The app's own statement: the page and the count of all that match, in one, prepared as the app prepares it.
      const { text, values } = itemPage(company, { page: 1, page_size: 20, stock_status: 'normal', ordering: '-quantity' });
      const { rows } = await client.query({ name: 'floor_item_page', text, values });
      return { count: rows[0].total, results: rows };
    },
  },
  {
    path: /^\/products$/,
    async run(client, company) {
      // The app's own statement: the page and the count of all that match, in one, prepared as the app prepares it.
      const { text, values } = productPage(company, { page: 1, page_size: 20 });
      const { rows } = await client.query({ name: 'floor_product_page', text, values });
      return { count: rows[0].total, results: rows };
    },
  },
  {
    path: /^\/orders\/(\d+)$/,
    // The app's own statement (one, with lines, bins, products, history, payments, shipments).
    async run(client, company, [id]) {
      return (await client.query({ name: 'floor_order', text: ORDER_DETAIL.text, values: [company, id] })).rows[0];
    },
  },
];

async function caller(req) {
  const header = req.headers.authorization ?? '';
  const claims = jwt.verify(header.slice(7), key, { algorithms: ['HS256'], issuer: 'stockroom', audience: 'stockroom-api' });
  if (claims.typ !== 'access' || !UUID.test(claims.jti) || !UUID.test(claims.sid)) return null;
  const { rows } = await pool.query({
    name: 'floor_identity',
    text: 'select * from identity_active_user($1, $2, $3, $4)',
    values: [Number(claims.sub), claims.cid, claims.jti, claims.sid],
  });
  return rows[0] ?? null;
}

http
  .createServer(async (req, res) => {
    const url = req.url.split('?')[0].replace(/\/$/, '');
    const route = routes.find((r) => r.path.test(url));
    if (!route) return res.writeHead(404).end();
    let user;
    try {
      user = await caller(req);
    } catch {
      user = null;
    }
    if (!user) return res.writeHead(401).end();
    const client = await pool.connect();
    try {
      // Prepared statements run with their generic plan, as the app runs them (executeAndCommit).
      await client.query(
        `start transaction; select set_config('app.company_id', '${user.company_id}', true), set_config('role', 'stockroom_app', true); set local plan_cache_mode = force_generic_plan`,
      );
      const body = await route.run(client, user.company_id, route.path.exec(url).slice(1).map(Number));
      await client.query('commit');
      if (body === undefined) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      res.writeHead(500);
      res.end(String(err));
    } finally {
      client.release();
    }
  })
  .listen(port, '127.0.0.1', () => process.send?.('ready'));
