import { Injectable } from '@nestjs/common';
import { Sessions } from '../../database/sessions';
import { sqlRows } from '../../database/sql';
import { Statement } from '../../database/statement';
import type { TenantKey } from '../../database/tenant-key';
import type { Platform } from '../entities/marketplace-connection.entity';

export interface ListedProduct {
  id: number;
  connection_id: number;
  stock_list_id: number | null;
  product_id: number;
  product_active: boolean;
  quantity: number;
}

export interface ClaimedListing {
  id: number;
  connection_id: number;
  product_id: number;
  sku: string;
  price: string;
  quantity: number;
  pushed_price: string | null;
  pushed_quantity: number | null;
  external_id: string | null;
  attempts: number;
  platform: Platform;
  credentials: string;
}

export interface PushOutcome {
  id: number;
  connectionId: number;
  ok: boolean;
  price: string;
  quantity: number;
  externalId: string | null;
  error: string | null;
  retryInMs: number;
}

const LISTED = new Statement<'company'>(
  (p) => `
  select l.id, l.connection_id, c.stock_list_id, l.product_id, pr.is_active as product_active, l.quantity
    from marketplace_listings l
    join marketplace_connections c on c.company_id = l.company_id and c.id = l.connection_id and c.is_active
    join products pr on pr.company_id = l.company_id and pr.id = l.product_id
   where l.company_id = ${p('company')}
     -- Only listings whose product's stock (or the product) changed since their quantity was set.
     and (pr.updated_at > l.quantity_set_at
          or exists (select 1 from stock_levels s where s.company_id = l.company_id and s.product_id = l.product_id and s.updated_at > l.quantity_set_at))`,
);

/**
 * Wanted quantities recomputed; a listing whose quantity moved is pushed once its interval since
 * the last push has passed (at most one push per product per interval).
 */
const REQUANTIFY = new Statement<'company' | 'ids' | 'quantities' | 'interval_ms'>(
  (p) => `
  update marketplace_listings l
     set quantity_set_at = now(), quantity = w.quantity,
         status = case when l.quantity <> w.quantity then 'pending' else l.status end,
         job_id = case when l.quantity <> w.quantity then null else l.job_id end,
         attempts = case when l.quantity <> w.quantity then 0 else l.attempts end,
         error = case when l.quantity <> w.quantity then null else l.error end,
         updated_at = case when l.quantity <> w.quantity then now() else l.updated_at end,
         next_attempt_at = case when l.quantity <> w.quantity
                                then greatest(now(), coalesce(l.last_pushed_at, now()) + make_interval(secs => ${p('interval_ms')}::float8 / 1000))
                                else l.next_attempt_at end
    from unnest(${p('ids')}::bigint[], ${p('quantities')}::int[]) as w (id, quantity)
   where l.company_id = ${p('company')} and l.id = w.id`,
);

/** Due listings of active connections, leased (committed before any call to a platform). */
const CLAIM = new Statement<'company' | 'limit' | 'lease_ms'>(
  (p) => `
  with due as (
    select l.id from marketplace_listings l
      join marketplace_connections c on c.company_id = l.company_id and c.id = l.connection_id and c.is_active
     where l.company_id = ${p('company')} and l.status <> 'synced' and l.next_attempt_at <= now()
     order by l.next_attempt_at limit ${p('limit')} for update of l skip locked
  )
  update marketplace_listings l set next_attempt_at = now() + make_interval(secs => ${p('lease_ms')}::float8 / 1000)
    from due, marketplace_connections c
   where l.id = due.id and c.company_id = l.company_id and c.id = l.connection_id
  returning l.id, l.connection_id, l.product_id, l.sku, l.price::text as price, l.quantity, l.pushed_price::text as pushed_price, l.pushed_quantity,
            l.external_id, l.attempts, c.platform, c.credentials`,
);

/** What each push came to; a listing whose wanted values moved during the push stays due. */
const RECORD = new Statement<'company' | 'ids' | 'oks' | 'prices' | 'quantities' | 'externals' | 'errors' | 'retries' | 'interval_ms'>(
  (p) => `
  with outcome as (
    select * from unnest(${p('ids')}::bigint[], ${p('oks')}::boolean[], ${p('prices')}::numeric[], ${p('quantities')}::int[], ${p('externals')}::text[],
                         ${p('errors')}::text[], ${p('retries')}::int[]) as o (id, ok, price, quantity, external_id, error, retry_ms)
  ), recorded as (
    update marketplace_listings l
       set pushed_price = case when o.ok then o.price else l.pushed_price end,
           pushed_quantity = case when o.ok then o.quantity else l.pushed_quantity end,
           last_pushed_at = case when o.ok then now() else l.last_pushed_at end,
           external_id = coalesce(o.external_id, l.external_id),
           status = case when not o.ok then 'error' when l.price = o.price and l.quantity = o.quantity then 'synced' else 'pending' end,
           error = o.error,
           attempts = case when o.ok then 0 else l.attempts + 1 end,
           next_attempt_at = case when not o.ok then now() + make_interval(secs => o.retry_ms::float8 / 1000)
                                  when l.price = o.price and l.quantity = o.quantity then null
                                  else now() + make_interval(secs => ${p('interval_ms')}::float8 / 1000) end,
           updated_at = now()
      from outcome o where l.company_id = ${p('company')} and l.id = o.id
    returning l.connection_id, o.ok, o.error
  ), per_connection as (
    select connection_id, bool_or(ok) as any_ok, (array_agg(error) filter (where not ok))[1] as error, bool_and(not ok) as all_failed from recorded group by connection_id
  )
  update marketplace_connections c
     set last_synced_at = case when pc.any_ok then now() else c.last_synced_at end,
         last_error = case when pc.all_failed then pc.error else null end
    from per_connection pc where c.company_id = ${p('company')} and c.id = pc.connection_id`,
);

/** The pusher's statements: which companies have listings (the relay role), then each company's own transactions. */
@Injectable()
export class PusherRepository {
  constructor(private readonly sessions: Sessions) {}

  async companiesWithListings(): Promise<number[]> {
    const rows = await this.sessions.relay((m) => sqlRows<{ company_id: number }>(m, 'select distinct company_id from marketplace_listings'));
    return rows.map((r) => r.company_id);
  }

  /** Companies with a listing due for a push now (by the due index, however many companies there are). */
  async companiesWithDueListings(): Promise<number[]> {
    const rows = await this.sessions.relay((m) =>
      sqlRows<{ company_id: number }>(m, `select distinct company_id from marketplace_listings where status <> 'synced' and next_attempt_at <= now()`),
    );
    return rows.map((r) => r.company_id);
  }

  listed(key: TenantKey): Promise<ListedProduct[]> {
    return this.sessions.tenant(key.companyId, (m) => sqlRows<ListedProduct>(m, LISTED.text, LISTED.values({ company: key.companyId })));
  }

  async requantify(key: TenantKey, changes: Array<{ id: number; quantity: number }>, intervalMs: number): Promise<void> {
    if (changes.length === 0) return;
    const values = REQUANTIFY.values({
      company: key.companyId,
      ids: changes.map((c) => c.id),
      quantities: changes.map((c) => c.quantity),
      interval_ms: intervalMs,
    });
    await this.sessions.tenant(key.companyId, (m) => sqlRows(m, REQUANTIFY.text, values));
  }

  claim(key: TenantKey, limit: number, leaseMs: number): Promise<ClaimedListing[]> {
    return this.sessions.tenant(key.companyId, (m) =>
      sqlRows<ClaimedListing>(m, CLAIM.text, CLAIM.values({ company: key.companyId, limit, lease_ms: leaseMs })),
    );
  }

  async record(key: TenantKey, outcomes: PushOutcome[], intervalMs: number): Promise<void> {
    const values = RECORD.values({
      company: key.companyId,
      ids: outcomes.map((o) => o.id),
      oks: outcomes.map((o) => o.ok),
      prices: outcomes.map((o) => o.price),
      quantities: outcomes.map((o) => o.quantity),
      externals: outcomes.map((o) => o.externalId),
      errors: outcomes.map((o) => o.error),
      retries: outcomes.map((o) => o.retryInMs),
      interval_ms: intervalMs,
    });
    await this.sessions.tenant(key.companyId, (m) => sqlRows(m, RECORD.text, values));
  }
}
