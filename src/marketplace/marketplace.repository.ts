import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type { ListingListQueryDto } from './dto/sync.dto';
import { MarketplaceListing } from './entities/marketplace-listing.entity';

/** Wanted price and quantity per product; a changed listing is due for a push now. */
const UPSERT_LISTINGS = new Statement<'company' | 'connection' | 'job' | 'products' | 'skus' | 'prices' | 'quantities'>(
  (p) => `
  insert into marketplace_listings (company_id, connection_id, product_id, sku, price, quantity, status, next_attempt_at, job_id)
  select ${p('company')}, ${p('connection')}, product_id, sku, price, quantity, 'pending', now(), ${p('job')}
    from unnest(${p('products')}::int[], ${p('skus')}::text[], ${p('prices')}::numeric[], ${p('quantities')}::int[]) as w (product_id, sku, price, quantity)
  on conflict (company_id, connection_id, product_id) do update
     set sku = excluded.sku, price = excluded.price, quantity = excluded.quantity, status = 'pending', next_attempt_at = now(),
         attempts = 0, error = null, job_id = excluded.job_id, quantity_set_at = now(), updated_at = now()`,
);

/** A job's progress, from its listings (a product belongs to the latest job that synced it). */
const JOB_PROGRESS = new Statement<'company' | 'job'>(
  (p) => `
  select (count(*) filter (where status = 'synced'))::int as succeeded, (count(*) filter (where status = 'error'))::int as failed,
         (count(*) filter (where status = 'pending'))::int as pending, max(updated_at) as last_change,
         coalesce(json_agg(json_build_object('product_id', product_id, 'sku', sku, 'error', error) order by product_id) filter (where status = 'error'), '[]') as errors
    from marketplace_listings where company_id = ${p('company')} and job_id = ${p('job')}`,
);

const ANALYTICS = new Statement<'company' | 'connection' | 'days'>(
  (p) => `
  with listings as (
    select count(*)::int as listed, (count(*) filter (where status = 'synced'))::int as synced, (count(*) filter (where status = 'error'))::int as failed
      from marketplace_listings where company_id = ${p('company')} and connection_id = ${p('connection')}
  ), days as (
    select generate_series((now() at time zone 'UTC')::date - (${p('days')}::int - 1), (now() at time zone 'UTC')::date, interval '1 day')::date as day
  ), sold as (
    select (o.created_at at time zone 'UTC')::date as day, o.total,
           (select coalesce(sum(l.quantity), 0) from order_lines l where l.company_id = o.company_id and l.order_id = o.id) as units
      from orders o
     where o.company_id = ${p('company')} and o.channel_connection_id = ${p('connection')} and o.status <> 'cancelled'
       and o.created_at >= ((now() at time zone 'UTC')::date - (${p('days')}::int - 1)) at time zone 'UTC'
  ), daily as (
    select to_char(d.day, 'YYYY-MM-DD') as date, count(s.total)::int as orders, coalesce(sum(s.units), 0)::int as units, coalesce(sum(s.total), 0)::text as revenue
      from days d left join sold s on s.day = d.day group by d.day order by d.day
  )
  select l.listed, l.synced, l.failed, (select json_agg(daily) from daily) as daily from listings l`,
);

/** The marketplace domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class MarketplaceRepository {
  constructor(
    private readonly sessions: Sessions,
    @InjectTenantRepository(MarketplaceListing) private readonly listings: TenantRepository<MarketplaceListing>,
  ) {}

  async upsertListings(
    key: TenantKey,
    connectionId: number,
    jobId: number | null,
    wanted: Array<{ productId: number; sku: string; price: string; quantity: number }>,
  ): Promise<void> {
    for (let i = 0; i < wanted.length; i += 5000) {
      const chunk = wanted.slice(i, i + 5000);
      const values = UPSERT_LISTINGS.values({
        company: key.companyId,
        connection: connectionId,
        job: jobId,
        products: chunk.map((w) => w.productId),
        skus: chunk.map((w) => w.sku),
        prices: chunk.map((w) => w.price),
        quantities: chunk.map((w) => w.quantity),
      });
      await sqlRows(this.sessions.managerFor(key), UPSERT_LISTINGS.text, values);
    }
  }

  async jobProgress(
    key: TenantKey,
    jobId: number,
  ): Promise<{
    succeeded: number;
    failed: number;
    pending: number;
    last_change: Date | null;
    errors: Array<{ product_id: number; sku: string; error: string }>;
  }> {
    const [row] = await sqlRows<{
      succeeded: number;
      failed: number;
      pending: number;
      last_change: Date | null;
      errors: Array<{ product_id: number; sku: string; error: string }>;
    }>(this.sessions.managerFor(key), JOB_PROGRESS.text, JOB_PROGRESS.values({ company: key.companyId, job: jobId }));
    return row;
  }

  listingsOf(key: TenantKey, connectionId: number, query: ListingListQueryDto): Promise<[MarketplaceListing[], number]> {
    const qb = this.listings.query(key, 'l').andWhere('l.connection_id = :connectionId', { connectionId });
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    return qb
      .orderBy('l.product_id', 'ASC')
      .skip((query.page - 1) * query.page_size)
      .take(query.page_size)
      .getManyAndCount();
  }

  async analytics(
    key: TenantKey,
    connectionId: number,
    days: number,
  ): Promise<{ listed: number; synced: number; failed: number; daily: Array<{ date: string; orders: number; units: number; revenue: string }> }> {
    const [row] = await sqlRows<{
      listed: number;
      synced: number;
      failed: number;
      daily: Array<{ date: string; orders: number; units: number; revenue: string }>;
    }>(this.sessions.managerFor(key), ANALYTICS.text, ANALYTICS.values({ company: key.companyId, connection: connectionId, days }));
    return row;
  }
}
