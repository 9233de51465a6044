import { createReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { copyIn } from '../../../database/copy';
import { uniqueViolation } from '../../../database/pg-errors';
import { Sessions } from '../../../database/sessions';
import { sqlRows } from '../../../database/sql';
import { Statement } from '../../../database/statement';
import type { LedgerParam } from '../../stock-ledger.repository';
import { ledgerValues, ledgerWrites } from '../../stock-ledger.repository';
import { OutboxSignal } from '../../../events/outbox-signal';
import { ImportJob, ImportRowError } from '../../entities/import-job.entity';
import type { ImportColumn } from '../csv-upload';

/** How many row errors a job keeps for GET imports/{id}/ (error_count counts them all). */
const KEPT_ERRORS = 1000;
const INT = `'^\\s*[0-9]{1,9}\\s*$'`;
const PRICE = `'^\\s*[0-9]{1,10}(\\.[0-9]{1,2})?\\s*$'`;

/** What makes a resolved row unusable: the condition over `import_rows`, the column, the message. */
const ROW_CHECKS: Array<[string, string, string]> = [
  ['sku is null', 'sku', 'This field is required.'],
  [`quantity is null or quantity !~ ${INT}`, 'quantity', 'A whole number from 0 is required.'],
  ['warehouse_id is null', 'warehouse_code', 'Unknown warehouse.'],
  ['location_code is not null and location_id is null and warehouse_id is not null', 'location_code', 'Unknown location in this warehouse.'],
  ['product_id is null and sku is not null and name is null', 'sku', 'Unknown SKU; give name (and price) to create the product.'],
  [`min_level !~ ${INT}`, 'min_stock_level', 'A whole number from 0 is required.'],
  [`max_level !~ ${INT}`, 'max_stock_level', 'A whole number from 0 is required.'],
  [`price !~ ${PRICE}`, 'price', 'A number with at most two decimals is required.'],
  [
    // Cast only what is a number: a CASE keeps the order, an AND may be evaluated in any.
    `case when quantity ~ ${INT} then not allow_negative_stock and btrim(quantity)::int < level_reserved end`,
    'quantity',
    'Below the quantity reserved for orders.',
  ],
  ['uses_bins and location_code is null', 'location_code', 'This warehouse keeps its stock in bins; give location_code.'],
];

export interface ImportOutcome {
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: ImportRowError[];
  applied: boolean;
}

class RejectedFile extends Error {}

/**
 * The advisory lock an import's transaction holds (class, job id): while it is held the job
 * is being worked on, by this server or another; a 'processing' job whose lock is free was
 * cut off by a crash or a restart.
 */
export function importLock(jobId: number): [number, number] {
  return [IMPORT_LOCK_CLASS, jobId];
}
const IMPORT_LOCK_CLASS = 0x53_52_49_4d; // 'SRIM'

/** Memory for each of the import's hashes and sorts, for the import's transaction only. */
const IMPORT_WORK_MEM = '64MB';

/**
 * The rows to apply, as import_good: those without errors, or, for a file without any (the usual
 * case), the resolved rows themselves, renamed rather than copied (a million-row copy and its
 * statistics cost 0.8 s).
 */
const GOOD_ROWS = `do $$ begin
  if exists (select from import_errors) then
    create temp table import_good on commit drop as
    select r.* from import_rows r where not exists (select 1 from import_errors e where e.line = r.line);
    analyze import_good;
  else
    alter table import_rows rename to import_good;
  end if;
end $$`;

/**
 * Sets the stock rows to the file's quantities and levels, through the ledger's one writer. A
 * row the file leaves as it is costs no write (a feed re-sent unchanged is cheap).
 */
const APPLY = new Statement<LedgerParam>(
  (p) => `with changed as (
     update stock_levels s
        set on_hand = a.quantity,
            min_stock_level = coalesce(a.min_level, s.min_stock_level),
            max_stock_level = coalesce(a.max_level, s.max_stock_level),
            updated_at = now()
       from import_apply a
      where s.company_id = ${p('company')} and s.id = a.id
        and (s.on_hand <> a.quantity or s.min_stock_level is distinct from coalesce(a.min_level, s.min_stock_level)
             or s.max_stock_level is distinct from coalesce(a.max_level, s.max_stock_level))
     returning s.id, s.product_id, s.warehouse_id, s.location_id, s.on_hand, s.reserved, s.available, s.min_stock_level,
               s.on_hand - a.old_on_hand as quantity_delta, 0 as reserved_delta
   ), ${ledgerWrites('changed', p)}
   select (select count(*)::int from import_apply) as applied`,
);

/**
 * Creates the stock rows the file names for the first time, with their quantities and levels,
 * and writes their ledger rows in the same statement (a row created at zero and then set would
 * be written twice). A row of a product the file creates finds it by SKU among the products
 * just inserted.
 */
const CREATE = new Statement<LedgerParam>(
  (p) => `with created as (
     insert into stock_levels (company_id, product_id, warehouse_id, location_id, allow_negative, on_hand, min_stock_level, max_stock_level)
     select ${p('company')}::int, coalesce(g.product_id, n.id), g.warehouse_id, g.location_id, g.allow_negative_stock, btrim(g.quantity)::int,
            coalesce(g.min_level::int, 0), g.max_level::int
       from import_good g left join import_new_products n on g.product_id is null and n.sku = g.sku
      where g.level_id is null
     returning id, product_id, warehouse_id, location_id, on_hand, reserved, available, min_stock_level,
               on_hand as quantity_delta, 0 as reserved_delta
   ), ${ledgerWrites('created', p)}
   select count(*)::int as created from created`,
);

/**
 * One import, set-based: COPY the file into a temporary staging table, find every bad row
 * with a few SQL statements, then create missing products and stock rows, set the levels,
 * and write the ledger and low-stock events — all in one transaction per file.
 */
@Injectable()
export class ImportProcessor {
  constructor(
    private readonly sessions: Sessions,
    private readonly signal: OutboxSignal,
  ) {}

  /**
   * Runs the import in one transaction. `finish` records the outcome of an applied import in
   * that same transaction, so a job never reads 'processing' once its rows are in; the
   * transaction holds the job's lock (importLock) throughout.
   */
  async run(
    job: ImportJob,
    file: string,
    columns: ImportColumn[],
    hooks: {
      /** The warehouses the uploader may change stock in; null: all of the company's. */
      writable: number[] | null;
      onTotal: (rows: number) => Promise<void>;
      finish: (outcome: ImportOutcome) => Promise<void>;
    },
  ): Promise<ImportOutcome> {
    try {
      return await this.sessions.tenant(job.companyId, async (m) => {
        await m.query('select pg_advisory_xact_lock($1, $2)', importLock(job.id));
        // A million rows' hashes and sorts then stay in memory instead of spilling to disk.
        await m.query(`set local work_mem = '${IMPORT_WORK_MEM}'`);
        await this.stage(m, file, columns);
        const [{ total }] = await sqlRows<{ total: number }>(m, 'select count(*)::int as total from import_staging');
        await hooks.onTotal(total);
        await this.resolve(m, job.companyId);
        const errors = await this.findErrors(m, hooks.writable);
        const [{ bad }] = await sqlRows<{ bad: number }>(m, 'select count(distinct line)::int as bad from import_errors');
        if (bad > 0 && job.mode === 'all_or_nothing') {
          throw Object.assign(new RejectedFile(), { outcome: { totalRows: total, processedRows: 0, errorCount: bad, errors, applied: false } });
        }
        const processed = await this.merge(m, job);
        const outcome = { totalRows: total, processedRows: processed, errorCount: bad, errors, applied: true };
        await hooks.finish(outcome);
        return outcome;
      });
    } catch (err) {
      // all_or_nothing: the transaction rolled back; the outcome still says why.
      if (err instanceof RejectedFile) return (err as RejectedFile & { outcome: ImportOutcome }).outcome;
      if (createdMeanwhile(err)) throw new CreatedMeanwhile();
      throw err;
    }
  }

  private async stage(m: EntityManager, file: string, columns: ImportColumn[]): Promise<void> {
    await m.query(`
      create temp table import_staging (
        id bigint generated always as identity,
        sku text, warehouse_code text, warehouse_id text, location_code text, quantity text,
        min_stock_level text, max_stock_level text, name text, price text, category text
      ) on commit drop`);
    try {
      await copyIn(m, `copy import_staging (${columns.join(', ')}) from stdin with (format csv, header true)`, createReadStream(file));
    } catch (err) {
      throw new MalformedCsv(err as Error);
    }
  }

  /** Each staged row with its warehouse, bin, product and current stock row, when they exist. */
  private async resolve(m: EntityManager, companyId: number): Promise<void> {
    await m.query('analyze import_staging');
    // Warehouses by id or by code, as two hashable joins (a CASE in one join condition
    // cannot be hashed and turns into rows x warehouses comparisons). The stock row is looked
    // up once warehouse, bin and product are resolved (materialized): joined straight to the
    // outer joins' coalesce, PostgreSQL could not use the warehouse in the index and read every
    // stock row of each product (a 1,000-row file on a company with 1,000 warehouses: 7.5 s).
    await m.query(
      `create temp table import_rows on commit drop as
       with st as (
         select id, sku, location_code, quantity, min_stock_level, max_stock_level, name, price, category,
                case when warehouse_id ~ ${INT} then btrim(warehouse_id)::int end as warehouse_ref,
                nullif(btrim(warehouse_code), '') as warehouse_code_ref
           from import_staging), resolved as materialized (
         select st.id + 1 as line,
                nullif(btrim(st.sku), '') as sku,
                coalesce(wi.id, wc.id) as warehouse_id, coalesce(wi.allow_negative_stock, wc.allow_negative_stock) as allow_negative_stock,
                coalesce(wi.uses_bins, wc.uses_bins, false) as uses_bins,
                nullif(btrim(st.location_code), '') as location_code, l.id as location_id,
                p.id as product_id,
                btrim(st.quantity) as quantity, nullif(btrim(st.min_stock_level), '') as min_level,
                nullif(btrim(st.max_stock_level), '') as max_level, nullif(btrim(st.name), '') as name,
                nullif(btrim(st.price), '') as price, coalesce(btrim(st.category), '') as category
           from st
           left join warehouses wi on wi.company_id = $1 and wi.id = st.warehouse_ref
           left join warehouses wc on wc.company_id = $1 and st.warehouse_ref is null and wc.code = st.warehouse_code_ref
           left join stock_locations l on l.company_id = $1 and l.warehouse_id = coalesce(wi.id, wc.id) and l.code = btrim(st.location_code)
           left join products p on p.company_id = $1 and p.sku = btrim(st.sku))
       select r.*, s.id as level_id, s.reserved as level_reserved
         from resolved r
         left join stock_levels s on s.company_id = $1 and s.product_id = r.product_id and s.warehouse_id = r.warehouse_id
                                 and coalesce(s.location_id, 0) = coalesce(r.location_id, 0)`,
      [companyId],
    );
    await m.query('analyze import_rows');
  }

  /** Every reason a row cannot be applied, by line and column. */
  private async findErrors(m: EntityManager, writable: number[] | null): Promise<ImportRowError[]> {
    // One pass over the rows: the rows with any problem are picked by one filter, and only those
    // are spelled out into one error per problem (ten scans of a million-row file cost ~3 s).
    await m.query(`
      create temp table import_errors on commit drop as
      select r.line, e.col, e.message
        from (select * from import_rows where ${ROW_CHECKS.map(([bad]) => `(${bad})`).join(' or ')}) r
       cross join lateral (values ${ROW_CHECKS.map(([bad, col, message]) => `(${bad}, '${col}', '${message}')`).join(', ')}) e(bad, col, message)
       where e.bad`);
    if (writable !== null) {
      await m.query(
        `insert into import_errors (line, col, message)
         select line, 'warehouse_code', 'You may not change stock in this warehouse.'
           from import_rows where warehouse_id is not null and not warehouse_id = any($1::int[])`,
        [writable],
      );
    }
    // Among the rows that are otherwise fine, the first of a slot wins; later ones are duplicates.
    // The slots held by more than one row are found by hashing (few files repeat a slot), and only
    // their rows are ordered. SKU and warehouse are never null here (that is an error above).
    await m.query(`
      insert into import_errors (line, col, message)
      with fine as (select * from import_rows r where not exists (select 1 from import_errors e where e.line = r.line)),
      shared as (select sku, warehouse_id, coalesce(location_id, 0) as location_id from fine group by 1, 2, 3 having count(*) > 1)
      select line, 'sku', 'Duplicate of line ' || first_line || ' (same SKU, warehouse and location).'
        from (select f.line, min(f.line) over (partition by f.sku, f.warehouse_id, f.location_id) as first_line
                from fine f join shared d on d.sku = f.sku and d.warehouse_id = f.warehouse_id and d.location_id = coalesce(f.location_id, 0)) d
       where line <> first_line`);
    return sqlRows<ImportRowError>(m, `select line::int as line, col as column, message from import_errors order by line, col limit ${KEPT_ERRORS}`);
  }

  /** Applies the good rows; returns how many. */
  private async merge(m: EntityManager, job: ImportJob): Promise<number> {
    const company = [job.companyId];
    await m.query(GOOD_ROWS);
    // Tables just written to have stale planner statistics (and the app role may not
    // ANALYZE them), so new ids come back through RETURNING into analyzed temp tables
    // instead of joining the fresh rows.
    await m.query(
      `create temp table import_new_products on commit drop as
       with inserted as (
         insert into products (company_id, sku, name, price, category)
         select distinct on (sku) $1::int, sku, name, coalesce(price::numeric, 0), category
           from import_good where product_id is null order by sku, line
         returning id, sku)
       select * from inserted`,
      company,
    );
    await m.query('analyze import_new_products');
    // What to set on existing stock rows, by id (indexed and analyzed, so the join below stays
    // a hash or index join however large the file), with each row's quantity before the import:
    // the rows are locked in id order (the order every multi-row change uses) by the same
    // statement that reads their quantity.
    await m.query(`create temp table import_apply (id bigint primary key, quantity int, min_level int, max_level int, old_on_hand int) on commit drop`);
    await m.query(
      `insert into import_apply (id, quantity, min_level, max_level, old_on_hand)
       select s.id, btrim(g.quantity)::int, g.min_level::int, g.max_level::int, s.on_hand
         from import_good g join stock_levels s on s.company_id = $1 and s.id = g.level_id
        where g.level_id is not null
        order by s.id
          for update of s`,
      company,
    );
    await m.query('analyze import_apply');
    const stamp = { companyId: job.companyId, userId: job.userId, note: { type: 'import' as const, reference: `import:${job.id}` } };
    const [{ created }] = await sqlRows<{ created: number }>(m, CREATE.text, CREATE.values(ledgerValues(stamp)));
    const [{ applied }] = await sqlRows<{ applied: number }>(m, APPLY.text, APPLY.values(ledgerValues(stamp)));
    this.signal.written();
    return created + applied;
  }
}

/** An import that failed for a reason the uploader can act on; its message says what to do. */
export class ImportFailure extends Error {}

/**
 * The products and stock rows the file creates are inserted as such (no per-row
 * conflict check, which cost a third of an initial load): one that another request created
 * after the file was read fails the whole import, which the uploader can simply send again.
 */
export class CreatedMeanwhile extends ImportFailure {
  constructor() {
    super('Some of the products or stock rows this file creates were created by another change at the same time; nothing was imported. Upload the file again.');
  }
}

function createdMeanwhile(err: unknown): boolean {
  return ['uq_products_company_sku', 'uq_stock_levels_slot'].includes(uniqueViolation(err) ?? '');
}

/** PostgreSQL could not read the file as CSV; its message names the line. */
export class MalformedCsv extends ImportFailure {
  readonly line: number;
  constructor(cause: Error) {
    const where = (cause instanceof QueryFailedError ? (cause.driverError as { where?: string }).where : (cause as { where?: string }).where) ?? '';
    const line = Number(/line (\d+)/.exec(where)?.[1] ?? 0);
    super(`The file is not valid CSV: ${cause.message}${line ? ` (line ${line})` : ''}.`);
    this.line = line;
  }
}
