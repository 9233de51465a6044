import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import request from 'supertest';
import { createWarehouse, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ROWS = 1_000_000;
const SLOTS = 100;

/**
 * ROWS import rows cycling over SLOTS new products: the first SLOTS rows land, the rest are
 * duplicates. The whole file goes through upload, disk, COPY and validation; the merge stays
 * small so the test stays quick. The server's memory meanwhile stays well below the file's size.
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
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((t.app.getHttpServer() as Server).address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'stockroom-big-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('takes a million-row file through upload, COPY and validation, accounting for every row', async () => {
    const owner = await registerCompany(t.http);
    const w = await createWarehouse(t.http, owner);
    const file = join(dir, 'big.csv');
    await writeCsv(file, w.id);
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(30 * 1024 * 1024);

    // Live memory of this process (the app runs in it), collected before each sample so that
    // garbage not yet collected does not count: the upload must stream, never sit in memory.
    // A full collection of a test worker's heap is not cheap on a busy two-core runner, so one
    // sample a second: a file held in memory would stay there far longer than that.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const inMemory = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = inMemory();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, inMemory())), 1000);
    let job: { id: number; status: string; errors?: unknown[] };
    try {
      // Sent by curl from another process, so this process's memory is the server's alone.
      const { stdout } = await promisify(execFile)('curl', [
        '-sS',
        '-w',
        '\n%{http_code}',
        '-H',
        `Authorization: ${owner.auth.Authorization}`,
        '-F',
        `file=@${file}`,
        `${base}/api/v1/inventory/bulk-import/`,
      ]);
      const [body, status] = stdout.trim().split('\n');
      expect(status).toBe('202');
      job = JSON.parse(body) as typeof job;
      const deadline = Date.now() + 200_000;
      while (job.status === 'processing' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        // Plain supertest: the response check's schemas would count as the server's memory.
        job = (await request(base).get(`/api/v1/inventory/imports/${job.id}/`).set(owner.auth)).body;
      }
    } finally {
      clearInterval(sampler);
    }
    // Streamed, the upload and the import keep a few MiB live (2 to 6 MiB seen here); held in
    // memory, the file alone would be all of its size.
    expect(peak - baseline).toBeLessThan(size / 2);
    expect(job).toMatchObject({ status: 'completed', total_rows: ROWS, processed_rows: SLOTS, error_count: ROWS - SLOTS });
    expect(job.errors).toHaveLength(1000);
    const { rows } = await t.sql.query('select count(*)::int as n from stock_levels where company_id = $1', [owner.companyId]);
    expect(rows[0].n).toBe(SLOTS);
  }, 240_000);
});
