import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ROWS = 1_000_000;
const SLOTS = 100;

/**
 * ROWS import rows cycling over SLOTS new products: the first SLOTS rows land, the rest are
 * duplicates. The whole file goes through upload, disk, COPY and validation; the merge stays
 * small so the test stays quick. (Memory: csv-upload.spec.ts and the import benchmark.)
 */
async function writeCsv(path: string, warehouseId: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('sku,warehouse_id,quantity,min_stock_level,name,price\n');
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(`BIG-${String(i % SLOTS).padStart(7, '0')},${warehouseId},${i % 500},5,Bulk item ${i % SLOTS},${(i % 9000) / 100}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

describe('a large import', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'stockroom-big-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a million-row file through upload, COPY and validation, accounting for every row', async () => {
    const owner = await registerCompany(t.http);
    const w = await createWarehouse(t.http, owner);
    const file = join(dir, 'big.csv');
    await writeCsv(file, w.id);
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(30 * 1024 * 1024);

    const res = await t.http.post('/api/v1/inventory/bulk-import/').set(owner.auth).attach('file', file);
    expect(res.status).toBe(202);
    let job = res.body;
    for (let i = 0; i < 1200 && job.status === 'processing'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.http.get(`/api/v1/inventory/imports/${job.id}/`).set(owner.auth)).body;
    }
    expect(job).toMatchObject({ status: 'completed', total_rows: ROWS, processed_rows: SLOTS, error_count: ROWS - SLOTS });
    expect(job.errors).toHaveLength(1000);
    const { rows } = await t.sql.query('select count(*)::int as n from stock_levels where company_id = $1', [owner.companyId]);
    expect(rows[0].n).toBe(SLOTS);
  }, 120_000);
});
