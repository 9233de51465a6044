import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readmeBlock } from '../support/readme';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The README's "First ten minutes" block, exactly as a new user would paste it. */
const walkthrough = () => readmeBlock('First ten minutes', 'bash');

describe('the README walkthrough', () => {
  let t: TestApp;
  let api: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${((t.app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('goes from sign-up to a delivered, paid order, and the ledger agrees', async () => {
    const script = `set -euo pipefail\n${walkthrough()}`;
    // Asynchronously: the app answering the commands runs in this process.
    const run = await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, API: api }, encoding: 'utf8', timeout: 60_000 }).catch(
      (err: { code?: number; stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: `exit ${err.code}: ${err.stderr}` }),
    );
    expect(run.stderr).toBe('');

    // The last two commands print the order and the laptop's ledger.
    const lines = run.stdout.trim().split('\n');
    const ledger = JSON.parse(lines.at(-1)!) as { results: Array<{ type: string; quantity_delta: number }> };
    const order = JSON.parse(lines.at(-2)!) as { status: string; total: number };
    expect(order).toMatchObject({ status: 'delivered', total: 1999.98 });
    expect(ledger.results.map((m) => m.quantity_delta).reduce((sum, d) => sum + d, 0)).toBe(18);
  });

  it('left a paid order and stock that matches its ledger in the database', async () => {
    const { rows } = await t.sql.query(`
      select o.status, (select sum(amount) from payment_transactions p where p.order_id = o.id and p.status = 'completed') as paid,
             (select sum(on_hand) from stock_levels s where s.company_id = o.company_id) as on_hand,
             (select sum(quantity_delta) from stock_movements m where m.company_id = o.company_id) as booked
        from orders o join companies c on c.id = o.company_id where c.name = 'Acme Trading'`);
    expect(rows).toEqual([{ status: 'delivered', paid: '1999.98', on_hand: 18, booked: 18 }]);
  });
});
