import type { Tenant } from '../support/factories';
import { createProduct, createWarehouse, registerCompany, importFinished } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const LIMIT = 4096;

/** Imports are all or nothing about their file, replay like every POST, and exports are safe to open. */
describe('CSV import and export safety', () => {
  let t: TestApp;
  let a: Tenant;
  let w: { id: number; code: string };
  beforeAll(async () => {
    t = await startTestApp({ IMPORT_MAX_BYTES: String(LIMIT) });
    a = await registerCompany(t.http);
    w = await createWarehouse(t.http, a, { code: 'MAIN' });
  });
  afterAll(() => t.close());

  const upload = (csv: string, headers: Record<string, string> = {}) =>
    t.http.post('/api/v1/inventory/bulk-import/').set(a.auth).set(headers).attach('file', Buffer.from(csv), 'inventory.csv');

  const finished = (id: number) => importFinished(t.http, a, id);

  it('refuses a file over the size limit with 413 and imports none of it', async () => {
    const product = await createProduct(t.http, a, { sku: 'BIG-1' });
    const lines = ['sku,warehouse_code,quantity'];
    while (lines.join('\n').length < LIMIT + 100) lines.push(`BIG-1,MAIN,123456789`);
    const res = await upload(lines.join('\n'));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect((await t.sql.query('select count(*)::int as n from import_jobs where company_id = $1', [a.companyId])).rows[0].n).toBe(0);
    expect((await t.sql.query('select count(*)::int as n from stock_levels where product_id = $1', [product.id])).rows[0].n).toBe(0);
  });

  it('starts one job for one Idempotency-Key, and replays it for the repeat', async () => {
    await createProduct(t.http, a, { sku: 'IDEM-1' });
    const csv = 'sku,warehouse_code,quantity\nIDEM-1,MAIN,5\n';
    const first = await upload(csv, { 'Idempotency-Key': 'upload-1' });
    expect(first.status).toBe(202);
    const again = await upload(csv, { 'Idempotency-Key': 'upload-1' });
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await finished(first.body.id)).status).toBe('completed');
    expect(
      (await t.sql.query(`select count(*)::int as n from import_jobs where company_id = $1 and filename = 'inventory.csv'`, [a.companyId])).rows[0].n,
    ).toBe(1);
  });

  it('writes cells a spreadsheet would run as formulas with a leading apostrophe', async () => {
    const names = ['=HYPERLINK("http://x.test","click")', '@SUM(A1:A2)', '+1+1', '-1+1'];
    for (const [i, name] of names.entries()) {
      const p = await createProduct(t.http, a, { sku: `CSVINJ-${i}`, name });
      expect((await t.http.post('/api/v1/inventory/items/').set(a.auth).send({ product_id: p.id, warehouse_id: w.id, quantity: 1 })).status).toBe(201);
    }
    // A tab cannot come in through the API; an import can bring one, and the export must not trim it away.
    const tabbed = await upload('sku,warehouse_code,quantity,name\nCSVINJ-TAB,MAIN,1,"\t=1+1"\n');
    expect((await finished(tabbed.body.id)).status).toBe('completed');

    const res = await t.http.get('/api/v1/inventory/export/').set(a.auth);
    expect(res.status).toBe(200);
    const csv = res.text;
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.test"",""click"")",`);
    for (const cell of ["'@SUM(A1:A2)", "'+1+1", "'-1+1", "'\t=1+1"]) expect(csv).toContain(`,${cell},`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).not.toMatch(/(^|,)@SUM/m);
    expect(csv).not.toMatch(/(^|,)"?=1\+1/m);
  });
});
