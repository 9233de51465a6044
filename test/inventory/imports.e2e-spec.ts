import type { Tenant } from '../support/factories';
import { Client } from 'pg';
import { addMember, createCustomer, createItem, createProduct, createWarehouse, registerCompany, importFinished, unique } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('CSV import and export (003 file uploads)', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number; code: string };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a, { code: 'MAIN' });
  });
  afterAll(() => t.close());

  const upload = (csv: string | Buffer, query = '', who: Tenant = a, filename = 'inventory.csv') =>
    t.http
      .post(`/api/v1/inventory/bulk-import/${query}`)
      .set(who.auth)
      .attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), filename);

  const finished = (id: number, who: Tenant = a) => importFinished(t.http, who, id);

  it('imports good rows, skips and reports bad and duplicate ones, and books the ledger', async () => {
    const existing = await createProduct(t.http, a, { sku: 'EXIST-1' });
    await createItem(t.http, a, { product_id: existing.id, warehouse_id: w.id, quantity: 10 });
    await createProduct(t.http, a, { sku: 'EXIST-2' });
    const bin = (await t.http.post('/api/v1/stock-locations/').set(a.auth).send({ name: 'Bin 1', code: 'BIN-1', provider: w.id })).body;
    const csv = [
      'sku,warehouse_code,location_code,quantity,min_stock_level,name,price,category',
      'EXIST-1,MAIN,,25,5,,,',
      'NEW-1,MAIN,BIN-1,7,,New widget,4.50,Widgets',
      'NEW-1,MAIN,BIN-1,9,,New widget,4.50,Widgets',
      'GHOST-1,MAIN,,3,,,,',
      'EXIST-1,NOWHERE,,3,,,,',
      'EXIST-1,MAIN,NOBIN,3,,,,',
      ',MAIN,,1,,,,',
      'EXIST-1,MAIN,BIN-1,-4,,,,',
      '"NEW-2",MAIN,,"12",,"Gadget, large",10,Gadgets',
      // A product that exists without stock here, and a second stock row of a product the file creates.
      'EXIST-2,MAIN,,4,,,,',
      'NEW-1,MAIN,,2,,New widget,4.50,Widgets',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.any(Number), status: 'processing', total_rows: 0, processed_rows: 0, error_count: 0 });

    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'completed', filename: 'inventory.csv', total_rows: 11, processed_rows: 5, error_count: 6 });
    expect(job.errors).toEqual([
      { line: 4, column: 'sku', message: 'Duplicate of line 3 (same SKU, warehouse and location).' },
      { line: 5, column: 'sku', message: 'Unknown SKU; give name (and price) to create the product.' },
      { line: 6, column: 'warehouse_code', message: 'Unknown warehouse.' },
      { line: 7, column: 'location_code', message: 'Unknown location in this warehouse.' },
      { line: 8, column: 'sku', message: 'This field is required.' },
      { line: 9, column: 'quantity', message: 'A whole number from 0 is required.' },
    ]);

    const { rows } = await t.sql.query(
      `select p.sku, s.location_id, s.on_hand, s.min_stock_level from stock_levels s join products p on p.id = s.product_id
        where s.company_id = $1 order by p.sku, s.location_id nulls first`,
      [a.companyId],
    );
    expect(rows).toEqual([
      { sku: 'EXIST-1', location_id: null, on_hand: 25, min_stock_level: 5 },
      { sku: 'EXIST-2', location_id: null, on_hand: 4, min_stock_level: 0 },
      { sku: 'NEW-1', location_id: null, on_hand: 2, min_stock_level: 0 },
      { sku: 'NEW-1', location_id: bin.id, on_hand: 7, min_stock_level: 0 },
      { sku: 'NEW-2', location_id: null, on_hand: 12, min_stock_level: 0 },
    ]);
    const newOne = await t.sql.query(`select count(*)::int as n from products where company_id = $1 and sku = 'NEW-1'`, [a.companyId]);
    expect(newOne.rows[0].n).toBe(1);
    const created = (await t.sql.query(`select name, price::text, category from products where company_id = $1 and sku = 'NEW-2'`, [a.companyId])).rows[0];
    expect(created).toEqual({ name: 'Gadget, large', price: '10.00', category: 'Gadgets' });
    const moves = await t.sql.query(`select quantity_delta from stock_movements where reference = $1 order by quantity_delta`, [`import:${job.id}`]);
    expect(moves.rows.map((r) => r.quantity_delta)).toEqual([2, 4, 7, 12, 15]);
  });

  it('refuses a quantity below what orders reserved, repeated slots without a bin, and every bad field of a row at once', async () => {
    const held = await createProduct(t.http, a, { sku: 'HELD-1' });
    const item = await createItem(t.http, a, { product_id: held.id, warehouse_id: w.id, quantity: 10 });
    const customer = await createCustomer(t.http, a);
    await t.http
      .post('/api/v1/orders/')
      .set(a.auth)
      .send({ customer_id: customer.id, items: [{ product_id: held.id, quantity: 6, warehouse_id: w.id }] })
      .expect(201);
    const csv = [
      'sku,warehouse_code,quantity,min_stock_level,max_stock_level,price',
      'HELD-1,MAIN,5,,,',
      'HELD-1,MAIN,8,,,',
      'HELD-1,MAIN,9,,,',
      'HELD-1,MAIN,x,-1,1.5,abc',
    ].join('\n');
    const job = await finished((await upload(csv).expect(202)).body.id);
    expect(job).toMatchObject({ status: 'completed', total_rows: 4, processed_rows: 1, error_count: 3 });
    expect(job.errors).toEqual([
      { line: 2, column: 'quantity', message: 'Below the quantity reserved for orders.' },
      { line: 4, column: 'sku', message: 'Duplicate of line 3 (same SKU, warehouse and location).' },
      { line: 5, column: 'max_stock_level', message: 'A whole number from 0 is required.' },
      { line: 5, column: 'min_stock_level', message: 'A whole number from 0 is required.' },
      { line: 5, column: 'price', message: 'A number with at most two decimals is required.' },
      { line: 5, column: 'quantity', message: 'A whole number from 0 is required.' },
    ]);
    const { rows } = await t.sql.query('select on_hand, reserved from stock_levels where id = $1', [item.id]);
    expect(rows[0]).toEqual({ on_hand: 8, reserved: 6 });
  });

  it('rejects the whole file in all_or_nothing mode', async () => {
    const p = await createProduct(t.http, a, { sku: 'AON-1' });
    await createProduct(t.http, a, { sku: 'AON-2' });
    const res = await upload(`sku,warehouse_id,quantity\nAON-1,${w.id},5\nAON-2,${w.id},x\n`, '?mode=all_or_nothing');
    expect(res.status).toBe(202);
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'failed', mode: 'all_or_nothing', processed_rows: 0, error_count: 1 });
    expect(job.errors).toEqual([{ line: 3, column: 'quantity', message: 'A whole number from 0 is required.' }]);
    const { rows } = await t.sql.query('select count(*)::int as n from stock_levels where product_id = $1', [p.id]);
    expect(rows[0].n).toBe(0);
  });

  it('answers 400 for anything that is not CSV, and for unknown or missing columns', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    for (const body of [binary, 'name,color\nx,y\n', 'sku,quantity\nA,1\n', '']) {
      const res = await upload(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
    const json = await t.http.post('/api/v1/inventory/bulk-import/').set(a.auth).send({ file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.file).toEqual(['Send the CSV as multipart/form-data in a field named "file".']);
    expect((await upload('sku,warehouse_id,quantity\n', '?mode=everything')).status).toBe(400);
  });

  it('fails a malformed file with the line PostgreSQL could not read', async () => {
    const res = await upload(`sku,warehouse_id,quantity\nA,${w.id},1\n"B,${w.id},2\n`);
    const job = await finished(res.body.id);
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/^The file is not valid CSV/);
  });

  it('fails, importing nothing, when another change creates one of its products meanwhile, and imports when sent again', async () => {
    const existing = await createProduct(t.http, a, { sku: unique('RACE-OLD-') });
    const item = await createItem(t.http, a, { product_id: existing.id, warehouse_id: w.id, quantity: 1 });
    const sku = unique('RACE-NEW-');
    const csv = `sku,warehouse_code,quantity,name,price\n${existing.sku},MAIN,8,,\n${sku},MAIN,5,Race widget,1.00\n`;
    // Another transaction has created the same SKU and not yet committed when the file is read.
    const racer = new Client({ connectionString: t.databaseUrl });
    await racer.connect();
    try {
      await racer.query('begin');
      await racer.query(`insert into products (company_id, sku, name) values ($1, $2, 'Made elsewhere')`, [a.companyId, sku]);
      const res = await upload(csv);
      expect(res.status).toBe(202);
      // The import waits on the uncommitted product; then the other transaction commits.
      for (let i = 0; i < 200; i++) {
        const waiting = await t.sql.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%import_new_products%'`,
        );
        if (waiting.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await racer.query('commit');
      const job = await finished(res.body.id);
      expect(job).toMatchObject({
        status: 'failed',
        processed_rows: 0,
        message:
          'Some of the products or stock rows this file creates were created by another change at the same time; nothing was imported. Upload the file again.',
      });
    } finally {
      await racer.end();
    }
    const quantity = async () => (await t.sql.query('select on_hand from stock_levels where id = $1', [item.id])).rows[0].on_hand;
    expect(await quantity()).toBe(1);
    const created = await t.sql.query(
      'select p.name, count(s.id)::int as rows from products p left join stock_levels s on s.product_id = p.id where p.sku = $1 group by p.id',
      [sku],
    );
    expect(created.rows).toEqual([{ name: 'Made elsewhere', rows: 0 }]);

    const again = await finished((await upload(csv).expect(202)).body.id);
    expect(again).toMatchObject({ status: 'completed', processed_rows: 2, error_count: 0 });
    expect(await quantity()).toBe(8);
  });

  it("exports the company's stock as CSV that imports back unchanged", async () => {
    const c = await registerCompany(t.http);
    const wc = await createWarehouse(t.http, c, { code: 'EXP' });
    const p = await createProduct(t.http, c, { sku: 'EXP-1', name: 'Export me', price: 2.5, category: 'Misc' });
    await createItem(t.http, c, { product_id: p.id, warehouse_id: wc.id, quantity: 42, min_stock_level: 3 });
    const res = await t.http
      .get('/api/v1/inventory/export/')
      .set(c.auth)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['x-ratelimit-limit']).toMatch(/^\d+$/);
    expect(res.body).toBe(
      `sku,warehouse_code,warehouse_id,location_code,quantity,min_stock_level,max_stock_level,name,price,category\nEXP-1,EXP,${wc.id},,42,3,,Export me,2.50,Misc\n`,
    );
    const written = async () =>
      (await t.sql.query('select updated_at::text as at, xmin::text as version from stock_levels where company_id = $1', [c.companyId])).rows;
    const before = await written();
    const again = await finished((await upload(res.body as string, '', c)).body.id, c);
    expect(again).toMatchObject({ status: 'completed', processed_rows: 1, error_count: 0 });
    const { rows } = await t.sql.query(`select count(*)::int as n from stock_movements where reference = $1`, [`import:${again.id}`]);
    expect(rows[0].n).toBe(0);
    // Nothing to change, nothing written: the same row version, to the microsecond.
    expect(await written()).toEqual(before);
  });

  it('reports an import cut off by a restart as failed, and leaves running ones alone', async () => {
    const job = async (age: string) =>
      (
        await t.sql.query(
          `insert into import_jobs (company_id, user_id, filename, status, created_at) values ($1, $2, 'x.csv', 'processing', now() - $3::interval) returning id`,
          [a.companyId, a.userId, age],
        )
      ).rows[0].id as number;
    const read = async (id: number) => (await t.http.get(`/api/v1/inventory/imports/${id}/`).set(a.auth)).body;

    const orphan = await job('5 minutes');
    expect(await read(orphan)).toMatchObject({ status: 'failed', message: expect.stringMatching(/^The import was interrupted/) });
    const { rows } = await t.sql.query('select status, finished_at is not null as finished from import_jobs where id = $1', [orphan]);
    expect(rows[0]).toEqual({ status: 'failed', finished: true });

    // Another server still working on it holds its lock (class 'SRIM', job id).
    const running = await job('5 minutes');
    await t.sql.query('select pg_advisory_lock($1, $2)', [0x5352494d, running]);
    try {
      expect(await read(running)).toMatchObject({ status: 'processing', finished_at: null });
    } finally {
      await t.sql.query('select pg_advisory_unlock($1, $2)', [0x5352494d, running]);
    }
    // Just uploaded: its worker may not have taken the lock yet.
    expect(await read(await job('1 second'))).toMatchObject({ status: 'processing' });
  });

  it('keeps imports to inventory writers, in their company, with credentials', async () => {
    const viewer = await addMember(t.http, a);
    expect((await upload('sku,warehouse_id,quantity\n', '', viewer)).status).toBe(403);
    const job = (await upload(`sku,warehouse_id,quantity\nEXIST-1,${w.id},30\n`)).body;
    await finished(job.id);
    const b = await registerCompany(t.http);
    expect((await t.http.get(`/api/v1/inventory/imports/${job.id}/`).set(b.auth)).status).toBe(404);
    // Another company's warehouse ids in a file name nothing.
    const theirs = await finished((await upload(`sku,warehouse_id,quantity,name\nX-1,${w.id},5,Sneaky\n`, '', b)).body.id, b);
    expect(theirs).toMatchObject({ processed_rows: 0, error_count: 1, errors: [{ line: 2, column: 'warehouse_code', message: 'Unknown warehouse.' }] });
    const exported = await t.http.get('/api/v1/inventory/export/').set(b.auth);
    expect(exported.text.trim().split('\n')).toHaveLength(1);
    expect((await t.http.get(`/api/v1/inventory/imports/${job.id}/`)).status).toBe(401);
    expect((await t.http.get('/api/v1/inventory/export/')).status).toBe(401);
    expect((await t.http.post('/api/v1/inventory/bulk-import/').attach('file', Buffer.from('x'), 'x.csv')).status).toBe(401);
  });
});
