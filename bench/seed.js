// Builds the benchmark data as the schema owner, straight in SQL:
//   100 companies x 10,000 products x 1 warehouse = 1,000,000 stock rows (with their ledger rows),
//   one "deep" company with 210,000 stock rows (for page 10,000 at 20 a page),
//   one "import" company with 1,000 products x 1,000 warehouses = 1,000,000 stock rows.
const { Client } = require('pg');
const argon2 = require('argon2');

const PASSWORD = 'Bench-Password-1';

async function timed(label, fn, timings) {
  const start = process.hrtime.bigint();
  const result = await fn();
  timings[label] = Number(process.hrtime.bigint() - start) / 1e9;
  return result;
}

/** One company with `products` products in `warehouses` warehouses, every product stocked everywhere. */
async function seedCompanies(db, { prefix, companies, products, warehouses, hash }) {
  await db.query(`insert into companies (name) select $1 || ' ' || g from generate_series(1, $2) g`, [prefix, companies]);
  const scope = `(select id from companies where name like '${prefix} %')`;
  await db.query(
    `insert into users (company_id, username, email, password_hash, role, is_staff)
     select id, lower(replace(name, ' ', '-')), lower(replace(name, ' ', '-')) || '@bench.example', $1, 'admin', true
       from companies where id in ${scope}`,
    [hash],
  );
  await db.query(
    `insert into warehouses (company_id, code, name)
     select c.id, 'WH-' || lpad(g::text, 4, '0'), 'Warehouse ' || g from companies c, generate_series(1, $1) g where c.id in ${scope}`,
    [warehouses],
  );
  await db.query(
    `insert into products (company_id, sku, name, price, category)
     select c.id, 'SKU-' || lpad(g::text, 6, '0'), 'Product ' || g, (g % 1000) + 0.99, 'Category ' || (g % 20)
       from companies c, generate_series(1, $1) g where c.id in ${scope}`,
    [products],
  );
  await db.query(
    `insert into stock_levels (company_id, product_id, warehouse_id, on_hand, min_stock_level)
     select p.company_id, p.id, w.id, (p.id * 7 + w.id) % 200, 10
       from products p join warehouses w on w.company_id = p.company_id where p.company_id in ${scope}`,
  );
  // The ledger invariant holds for seeded rows too: on-hand is their initial movement.
  await db.query(
    `insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, type, quantity_delta, quantity_after)
     select company_id, id, product_id, warehouse_id, 'initial', on_hand, on_hand from stock_levels
      where company_id in ${scope} and on_hand <> 0`,
  );
}

async function seed(url) {
  const db = new Client({ connectionString: url });
  await db.connect();
  const timings = {};
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  await timed('main_100x10000', () => seedCompanies(db, { prefix: 'Bench', companies: 100, products: 10000, warehouses: 1, hash }), timings);
  await timed('deep_210000', () => seedCompanies(db, { prefix: 'Deep', companies: 1, products: 210000, warehouses: 1, hash }), timings);
  await timed('import_1000x1000', () => seedCompanies(db, { prefix: 'Import', companies: 1, products: 1000, warehouses: 1000, hash }), timings);
  // Not part of building the data: it sets hint bits and the visibility map now, and writes
  // the seed's gigabytes of WAL out, so no phase measured next pays for them alone (the app is
  // measured before its floor) or runs into a checkpoint the seed started.
  await timed(
    'vacuum_analyze',
    async () => {
      await db.query('vacuum (analyze)');
      await db.query('checkpoint');
    },
    timings,
  );
  const { rows } = await db.query(`select count(*)::int as n from stock_levels`);
  await db.end();
  return { timings, stockRows: rows[0].n };
}

module.exports = { seed, PASSWORD };
