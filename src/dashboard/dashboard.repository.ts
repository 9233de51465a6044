import { Injectable } from '@nestjs/common';
import { readAheadOfCompany } from '../database/read-ahead';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import type { SqlLiteral } from '../database/sql';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import type { Grouping } from './dto/dashboard.dto';

export interface MetricsRow {
  total_sales: string;
  total_orders: number;
  pending_orders: number;
  monthly_revenue: string;
  total_inventory_value: string;
  low_stock_items: number;
}

export interface SalesRow {
  period_start: string;
  orders: number;
  units: number;
  revenue: string;
}

export interface LevelsRow {
  key: string;
  warehouse_id: number | null;
  code: string | null;
  name: string | null;
  total_quantity: number;
  reserved_quantity: number;
  available_quantity: number;
  inventory_value: string;
  low_stock_items: number;
  out_of_stock_items: number;
}

/**
 * The company's stock figures per warehouse and category: the folded totals plus the changes
 * not yet folded (both kept by triggers on stock rows and products; see the stock-totals migration).
 */
const STOCK_GROUPS = (company: string) => `
  select warehouse_id, category, sum(stock_rows) as stock_rows, sum(on_hand) as on_hand, sum(reserved) as reserved,
         sum(value) as value, sum(low) as low, sum(out) as out
    from (select warehouse_id, category, stock_rows, on_hand, reserved, value, low, out from stock_totals where company_id = ${company}
          union all
          select warehouse_id, category, stock_rows, on_hand, reserved, value, low, out from stock_total_changes where company_id = ${company}) kept
   group by warehouse_id, category`;

/** Order figures per month and status: the folded totals plus the changes not yet folded (kept by a trigger on orders). */
const ORDER_GROUPS = (company: string) => `
  select month, status, orders, revenue from order_totals where company_id = ${company}
  union all
  select month, status, orders, revenue from order_total_changes where company_id = ${company}`;

const METRICS = new Statement<'company'>(
  (p) => `
  with stock as (${STOCK_GROUPS(p('company'))})
  select coalesce(sum(t.revenue) filter (where t.status <> 'cancelled'), 0)::text as total_sales,
         coalesce(sum(t.orders) filter (where t.status <> 'cancelled'), 0)::int as total_orders,
         coalesce(sum(t.orders) filter (where t.status = 'pending'), 0)::int as pending_orders,
         coalesce(sum(t.revenue) filter (where t.status <> 'cancelled' and t.month = date_trunc('month', now() at time zone 'UTC')::date), 0)::text
           as monthly_revenue,
         (select coalesce(sum(value), 0)::text from stock) as total_inventory_value,
         (select coalesce(sum(low), 0)::int from stock) as low_stock_items
    from (${ORDER_GROUPS(p('company'))}) t`,
);

/** Every period of the range, each with its orders, units and revenue (UTC days). */
const SALES = new Statement<'company' | 'start' | 'end' | 'unit'>(
  (p) => `
  with periods as (
    select generate_series(date_trunc(${p('unit')}, ${p('start')}::date), ${p('end')}::date, ('1 ' || ${p('unit')})::interval)::date as period_start
  ), sold as (
    select date_trunc(${p('unit')}, (o.created_at at time zone 'UTC')::date)::date as period_start, o.id, o.total,
           (select coalesce(sum(l.quantity), 0) from order_lines l where l.company_id = o.company_id and l.order_id = o.id) as units
      from orders o
     where o.company_id = ${p('company')} and o.status <> 'cancelled'
       and o.created_at >= ${p('start')}::date at time zone 'UTC' and o.created_at < (${p('end')}::date + 1) at time zone 'UTC'
  )
  select to_char(pr.period_start, 'YYYY-MM-DD') as period_start, count(s.id)::int as orders, coalesce(sum(s.units), 0)::int as units,
         coalesce(sum(s.total), 0)::text as revenue
    from periods pr left join sold s on s.period_start = pr.period_start
   group by pr.period_start order by pr.period_start`,
);

/** Stock figures per warehouse, per category and in total, from the stock totals. */
const LEVELS = new Statement<'company'>(
  (p) => `
  with groups as (${STOCK_GROUPS(p('company'))}), figures as (
    select grouping(warehouse_id) as by_category, warehouse_id, category,
           coalesce(sum(on_hand), 0)::int as total_quantity, coalesce(sum(reserved), 0)::int as reserved_quantity,
           coalesce(sum(on_hand - reserved), 0)::int as available_quantity, coalesce(sum(value), 0)::text as inventory_value,
           coalesce(sum(low), 0)::int as low_stock_items, coalesce(sum(out), 0)::int as out_of_stock_items
      from groups where stock_rows > 0 group by grouping sets ((warehouse_id), (category), ())
  )
  select case when f.warehouse_id is not null then 'warehouse' when f.by_category = 1 and f.category is not null then 'category' else 'total' end as key,
         f.warehouse_id, w.code, w.name, f.category, f.total_quantity, f.reserved_quantity, f.available_quantity, f.inventory_value,
         f.low_stock_items, f.out_of_stock_items
    from figures f left join warehouses w on w.company_id = ${p('company')} and w.id = f.warehouse_id
   order by key, w.name, f.category`,
);

/** The metrics' and the levels' reads, done with the caller's token check (their routes ReadsAhead). */
export const METRICS_READ_AHEAD = readAheadOfCompany(METRICS);
export const LEVELS_READ_AHEAD = readAheadOfCompany(LEVELS);

/**
 * The dashboard's aggregates, each one statement. Metrics and levels are each a request's whole
 * work: they are sent with the COMMIT of the (read-only) transaction (Sessions.commitWith, prepared
 * once per connection), one round trip instead of two.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly sessions: Sessions) {}

  async lastReadMetrics(key: TenantKey): Promise<MetricsRow> {
    const [row] = await this.sessions.commitWith<MetricsRow>(key, METRICS.text, METRICS.values({ company: key.companyId }) as SqlLiteral[]);
    return row;
  }

  sales(key: TenantKey, start: string, end: string, unit: Grouping): Promise<SalesRow[]> {
    return sqlRows<SalesRow>(this.sessions.managerFor(key), SALES.text, SALES.values({ company: key.companyId, start, end, unit }));
  }

  lastReadLevels(key: TenantKey): Promise<Array<LevelsRow & { category: string | null }>> {
    return this.sessions.commitWith(key, LEVELS.text, LEVELS.values({ company: key.companyId }) as SqlLiteral[]);
  }
}
