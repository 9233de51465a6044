// The floor: a bare node:http + pg server answering the inventory list with the same SQL
// and the same tenant setting as Stockroom (one transaction: set company and role, count,
// the page's ids, the page's rows), and nothing else: no framework, no auth, no validation.
const http = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL || 10) });
const companyId = Number(process.env.COMPANY_ID);
const port = Number(process.env.PORT);

http
  .createServer(async (req, res) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.company_id', $1, true), set_config('role', 'stockroom_app', true)`, [String(companyId)]);
      const where = 'from stock_levels s where s.company_id = $1 and s.stock_status = $2';
      const count = await client.query(`select count(*)::int as n ${where}`, [companyId, 'normal']);
      const ids = await client.query(`select s.id ${where} order by s.on_hand desc, s.id asc limit 20 offset 0`, [companyId, 'normal']);
      const page = await client.query(
        `select s.*, p.id as p_id, p.name as p_name, p.sku as p_sku, p.price as p_price, p.category as p_category,
                w.id as w_id, w.name as w_name, w.location as w_location, w.address_line1 as w_address, l.id as l_id
           from stock_levels s
           left join products p on p.id = s.product_id
           left join warehouses w on w.id = s.warehouse_id
           left join stock_locations l on l.id = s.location_id
          where s.company_id = $1 and s.id = any($2::bigint[])`,
        [companyId, ids.rows.map((r) => r.id)],
      );
      await client.query('commit');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ count: count.rows[0].n, results: page.rows }));
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      res.writeHead(500);
      res.end(String(err));
    } finally {
      client.release();
    }
  })
  .listen(port, '127.0.0.1', () => process.send?.('ready'));
