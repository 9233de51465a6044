import { QueryFailedError } from 'typeorm';
import { Sessions } from '../../src/database/sessions';
import type { ReservationParam } from '../../src/inventory/stock-ledger.repository';
import { reservationCtes, reservationValues } from '../../src/inventory/stock-ledger.repository';
import { Statement } from '../../src/database/statement';
import { preparedRows, VARYING_PREPARED_PER_CONNECTION } from '../../src/database/sql';
import type { Tenant } from '../support/factories';
import { addMember, createItem, createProduct, createWarehouse, registerCompany, unique } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { poolAtRest, sqlSentDuring, startTestApp } from '../support/test-app';

/**
 * The transaction layer's fast paths, checked against the database: a statement sent with its
 * COMMIT, and the ledger's reservation that picks among candidate stock rows.
 */
const RESERVE = new Statement<ReservationParam>((p) => `with ${reservationCtes(p)} select id from reserved`);

describe('sessions', () => {
  let t: TestApp;
  let a: Tenant;
  let sessions: Sessions;
  let warehouse: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
    warehouse = await createWarehouse(t.http, a);
    sessions = t.app.get(Sessions);
  });
  afterAll(() => t.close());

  const warehouseNames = async () => (await t.sql.query('select name from warehouses where id = $1', [warehouse.id])).rows[0].name;
  const rename = (name: string) =>
    ['update warehouses set name = $2 where company_id = $1 and id = $3 returning name', [a.companyId, name, warehouse.id]] as const;

  it('runs its queries without parallel workers, on every connection of the pool', async () => {
    const settings = await Promise.all(Array.from({ length: 3 }, () => sessions.tenant(a.companyId, (m) => m.query('show max_parallel_workers_per_gather'))));
    expect(settings.map((rows) => rows[0].max_parallel_workers_per_gather)).toEqual(['0', '0', '0']);
  });

  it('commits the transaction with its last statement, which answers its rows', async () => {
    const rows = await sessions.tenant(a.companyId, async () => {
      const [sql, params] = rename('Committed together');
      const answer = await sessions.commitWith<{ name: string }>(a, sql, [...params]);
      expect(() => sessions.managerFor(a)).toThrow('already finished');
      return answer;
    });
    expect(rows).toEqual([{ name: 'Committed together' }]);
    expect(await warehouseNames()).toBe('Committed together');
  });

  it('rolls everything back when the last statement fails, and the connection stays usable', async () => {
    const before = await warehouseNames();
    const failure = sessions.tenant(a.companyId, async (m) => {
      await m.query('update warehouses set name = $2 where company_id = $1 and id = $3', [a.companyId, 'Written first', warehouse.id]);
      await sessions.commitWith(a, "select stockroom_require($1::int > 1, 'needs more than one')", [1]);
    });
    await expect(failure).rejects.toMatchObject({ driverError: { code: 'SR409', message: 'needs more than one' } });
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    expect(await warehouseNames()).toBe(before);
    // The same connections (the statement already prepared on some) go on working.
    for (let i = 0; i < 30; i++) {
      const [sql, params] = rename(`Round ${i}`);
      await sessions.tenant(a.companyId, () => sessions.commitWith(a, sql, [...params]));
    }
    expect(await warehouseNames()).toBe('Round 29');
  });

  describe('releasing locks before the flush', () => {
    beforeAll(() => t.sql.query('create extension if not exists pg_walinspect'));

    /** The log's records from `from` to what is on disk now (pg_walinspect reads flushed WAL only). */
    const flushedRecords = async (from: string) =>
      (
        await t.sql.query<{ xid: string; resource_manager: string; record_type: string; description: string }>(
          `select xid::text, resource_manager, record_type, description
             from pg_get_wal_records_info($1::pg_lsn, pg_current_wal_flush_lsn()) order by start_lsn`,
          [from],
        )
      ).rows;

    it('answers only once a synchronous commit that wrote to the log followed its own commit', async () => {
      const from = (await t.sql.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn;
      const [row] = await sessions.tenant(a.companyId, () =>
        sessions.commitWith<{ name: string; xid: string }>(
          a,
          'update warehouses set name = $2 where company_id = $1 and id = $3 returning name, pg_current_xact_id()::text as xid',
          [a.companyId, 'Released early', warehouse.id],
          { releaseLocksBeforeFlush: true },
        ),
      );
      expect(row.name).toBe('Released early');
      expect(await warehouseNames()).toBe('Released early');
      const { filenode } = (await t.sql.query<{ filenode: string }>(`select pg_relation_filenode('commit_flush')::text as filenode`)).rows[0];
      const records = await flushedRecords(from);
      const isCommit = (r: (typeof records)[number]) => r.resource_manager === 'Transaction' && r.record_type.startsWith('COMMIT');
      // The update's commit is on disk, and after it a transaction that set commit_flush committed
      // (the synchronous commit of a transaction that wrote the log flushes it up to its own record).
      const own = records.findIndex((r) => isCommit(r) && r.xid === row.xid);
      expect(own).toBeGreaterThanOrEqual(0);
      const after = records.slice(own + 1);
      const flushing = after.find((r) => r.resource_manager === 'Sequence' && r.description.endsWith(`/${filenode}`));
      expect(flushing).toBeDefined();
      expect(after.some((r) => isCommit(r) && r.xid === flushing!.xid)).toBe(true);
    });

    it('rolls back when the statement fails, and leaves later transactions committing synchronously', async () => {
      const before = await warehouseNames();
      const failure = sessions.tenant(a.companyId, async (m) => {
        await m.query('update warehouses set name = $2 where company_id = $1 and id = $3', [a.companyId, 'Written first', warehouse.id]);
        await sessions.commitWith(a, "select stockroom_require($1::int > 1, 'needs more than one')", [1], { releaseLocksBeforeFlush: true });
      });
      await expect(failure).rejects.toMatchObject({ driverError: { code: 'SR409' } });
      expect(await warehouseNames()).toBe(before);
      const settings = await Promise.all(Array.from({ length: 4 }, () => sessions.tenant(a.companyId, (m) => m.query('show synchronous_commit'))));
      expect(settings.map((rows) => rows[0].synchronous_commit)).toEqual(['on', 'on', 'on', 'on']);
    });
  });

  it('prepares statements of varying text up to a bound per connection, and runs the rest unprepared', async () => {
    const texts = 2 * VARYING_PREPARED_PER_CONNECTION;
    for (let i = 0; i < texts; i++) {
      const [row] = await sessions.tenant(a.companyId, () =>
        // Every other one releases its locks before the flush: its rows come from a longer message.
        sessions.commitWith<{ n: number }>(a, `select $1::int + ${i} as n, true as varying_text`, [1], {
          prepare: 'bounded',
          releaseLocksBeforeFlush: i % 2 === 0,
        }),
      );
      expect(row.n).toBe(1 + i);
    }
    // Sequential transactions take the pool's most recently released connection: the one that ran them.
    const held = await sessions.tenant(a.companyId, (m) =>
      m.query(`select count(*)::int as n from pg_prepared_statements where statement like '%as varying_text'`),
    );
    expect(held[0].n).toBeGreaterThan(0);
    expect(held[0].n).toBeLessThanOrEqual(VARYING_PREPARED_PER_CONNECTION);
  });

  it('writes text parameters as literals that cannot break out of the statement', async () => {
    const nasty = `O'Brien'); drop table warehouses; --\\ $$ "x"`;
    const [sql, params] = rename(nasty);
    await sessions.tenant(a.companyId, () => sessions.commitWith(a, sql, [...params]));
    expect(await warehouseNames()).toBe(nasty);
    await expect(sessions.tenant(a.companyId, () => sessions.commitWith(a, 'select $1::int', [1.5]))).rejects.toThrow('Only integers');
  });

  it("opens a read's transaction with its token check, and gives the connection back when a later guard refuses the read", async () => {
    const viewer = await addMember(t.http, a, { role: 'viewer' });
    // More refusals at once than the pool (4 in tests) has connections.
    const refused = await Promise.all(Array.from({ length: 12 }, () => t.http.get('/api/v1/marketplace/connections/').set(viewer.auth)));
    expect(refused.map((r) => r.status)).toEqual(Array(12).fill(403));
    const read = await t.http.get(`/api/v1/warehouses/${warehouse.id}/`).set(viewer.auth);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(warehouse.id);
    // Every connection of the app's pool is back and idle (the refusals' rollbacks finish after their answers).
    expect(await poolAtRest(t)).toEqual({ busy: 0, waiting: 0 });
  });

  it("opens a write's transaction with its token check, except where an idempotency key needs its own connection first", async () => {
    const checks = (headers: Record<string, string>) =>
      sqlSentDuring(async () => {
        const res = await t.http
          .post('/api/v1/warehouses/')
          .set(a.auth)
          .set(headers)
          .send({ name: unique('Opened with check ') });
        expect(res.status).toBe(201);
      }, /identity_active_user/);
    expect(await checks({})).toEqual([expect.stringMatching(/^start transaction; select \* from identity_active_user\(.*\); select set_config/)]);
    expect(await checks({ 'Idempotency-Key': unique('key-') })).toEqual(['select * from identity_active_user($1, $2, $3, $4)']);
  });

  it('gives the connection back when a write opened with its token check is refused before its handler', async () => {
    // More refusals at once than the pool (4 in tests) has connections: invalid bodies (400) and a viewer's writes (403).
    const viewer = await addMember(t.http, a, { role: 'viewer' });
    const refused = await Promise.all([
      ...Array.from({ length: 8 }, () => t.http.post('/api/v1/warehouses/').set(a.auth).send({ name: 42 })),
      ...Array.from({ length: 8 }, () =>
        t.http
          .post('/api/v1/warehouses/')
          .set(viewer.auth)
          .send({ name: unique('Refused ') }),
      ),
    ]);
    expect(refused.map((r) => r.status)).toEqual([...Array(8).fill(400), ...Array(8).fill(403)]);
    expect(await poolAtRest(t)).toEqual({ busy: 0, waiting: 0 });
    const name = unique('After refusals ');
    expect((await t.http.post('/api/v1/warehouses/').set(a.auth).send({ name })).status).toBe(201);
    expect((await t.sql.query('select count(*)::int as n from warehouses where company_id = $1 and name = $2', [a.companyId, name])).rows).toEqual([{ n: 1 }]);
  });

  it("scopes a read opened with its token check to the token's company: another company's row is not found", async () => {
    const b = await registerCompany(t.http);
    expect((await t.http.get(`/api/v1/warehouses/${warehouse.id}/`).set(b.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/warehouses/${warehouse.id}/`).set(a.auth)).status).toBe(200);
  });

  it('reserves from the first candidate that still covers the quantity, in the order given', async () => {
    const product = await createProduct(t.http, a);
    const other = await createWarehouse(t.http, a);
    const drained = await createItem(t.http, a, { product_id: product.id, warehouse_id: warehouse.id, quantity: 1 });
    const stocked = await createItem(t.http, a, { product_id: product.id, warehouse_id: other.id, quantity: 5 });
    const reserve = (candidates: number[], quantity: number) =>
      sessions.tenant(a.companyId, (m) =>
        preparedRows<{ id: number }>(
          m,
          RESERVE.text,
          RESERVE.values(reservationValues({ companyId: a.companyId, userId: a.userId, note: { type: 'reserve', reference: 'test' } }, candidates, quantity)),
        ),
      );
    expect(await reserve([drained.id, stocked.id], 2)).toEqual([{ id: stocked.id }]);
    expect(await reserve([drained.id, stocked.id], 1)).toEqual([{ id: drained.id }]);
    expect(await reserve([drained.id, stocked.id], 4)).toEqual([]);
    const levels = await t.sql.query('select id, reserved from stock_levels where id = any($1) order by id', [[drained.id, stocked.id]]);
    expect(levels.rows.map((r) => r.reserved)).toEqual([1, 2]);
    const ledger = await t.sql.query(
      `select stock_level_id::int as level, reserved_delta from stock_movements where type = 'reserve' and reference = 'test' order by id`,
    );
    expect(ledger.rows).toEqual([
      { level: stocked.id, reserved_delta: 2 },
      { level: drained.id, reserved_delta: 1 },
    ]);
  });
});
