import type { QueryRunner } from 'typeorm';
import { isolateByCompany } from './rls';

export interface FoldedTotals {
  /** The folded table, one row per company and key, e.g. `stock_totals`. */
  totals: string;
  /** The append-only table writers add to, e.g. `stock_total_changes`. */
  changes: string;
  /** Key columns after company_id, with their types. */
  keys: Record<string, string>;
  /** Additive figures, with their types. */
  figures: Record<string, string>;
}

/**
 * Aggregates kept by writers without a shared row to wait on: writers only append to `changes`;
 * `<totals>_fold(company)` moves a company's changes into `totals`, one folder per company at a
 * time (an advisory lock it only tries for, so folders never wait either; a change committed
 * during a fold stays for the next one). Readers sum `totals` and the changes not yet folded.
 */
export async function createFoldedTotals(db: QueryRunner, spec: FoldedTotals): Promise<void> {
  const keys = Object.keys(spec.keys);
  const figures = Object.keys(spec.figures);
  const columns = [...Object.entries(spec.keys), ...Object.entries(spec.figures)].map(([name, type]) => `${name} ${type} not null`).join(', ');
  const company = 'company_id integer not null references companies (id) on delete cascade';
  await db.query(`create table ${spec.totals} (${company}, ${columns}, primary key (company_id, ${keys.join(', ')}))`);
  await db.query(`create table ${spec.changes} (id bigint generated always as identity primary key, ${company}, ${columns})`);
  await db.query(`create index ix_${spec.changes}_company on ${spec.changes} (company_id)`);
  await isolateByCompany(db, spec.totals);
  await isolateByCompany(db, spec.changes);
  await db.query(`
    create function ${spec.totals}_fold(company integer) returns void language plpgsql as $$
    begin
      if not pg_try_advisory_xact_lock(hashtext('${spec.totals}_fold'), company) then
        return;
      end if;
      with moved as (delete from ${spec.changes} where company_id = company returning ${[...keys, ...figures].join(', ')})
      insert into ${spec.totals} as t (company_id, ${[...keys, ...figures].join(', ')})
      select company, ${keys.join(', ')}, ${figures.map((f) => `sum(${f})`).join(', ')}
        from moved group by ${keys.join(', ')} order by ${keys.join(', ')}
      on conflict (company_id, ${keys.join(', ')}) do update set ${figures.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ')};
    end $$`);
}

export async function dropFoldedTotals(db: QueryRunner, spec: Pick<FoldedTotals, 'totals' | 'changes'>): Promise<void> {
  await db.query(`drop function ${spec.totals}_fold(integer)`);
  await db.query(`drop table ${spec.changes}`);
  await db.query(`drop table ${spec.totals}`);
}
