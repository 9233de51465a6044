import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
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

/** Order figures from the totals the order writes keep (order_totals), stock figures from the stock rows. */
const METRICS = new Statement<'company'>(
  (p) => `
  select coalesce(sum(t.revenue) filter (where t.status <> 'cancelled'), 0)::text as total_sales,
         coalesce(sum(t.orders) filter (where t.status <> 'cancelled'), 0)::int as total_orders,
         coalesce(sum(t.orders) filter (where t.status = 'pending'), 0)::int as pending_orders,
         coalesce(sum(t.revenue) filter (where t.status <> 'cancelled' and t.month = date_trunc('month', now() at time zone 'UTC')::date), 0)::text
           as monthly_revenue,
         (select coalesce(sum(s.on_hand * p.price), 0)::text from stock_levels s join products p on p.company_id = s.company_id and p.id = s.product_id
           where s.company_id = ${p('company')}) as total_inventory_value,
         (select count(*)::int from stock_levels s where s.company_id = ${p('company')} and s.stock_status <> 'normal') as low_stock_items
    from order_totals t where t.company_id = ${p('company')}`,
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

/** Stock figures per warehouse and per category, in one pass over the company's stock rows. */
const LEVELS = new Statement<'company'>(
  (p) => `
  with rows as (
    select s.warehouse_id, p.category, s.on_hand, s.reserved, s.available, s.stock_status, s.on_hand * p.price as value
      from stock_levels s join products p on p.company_id = s.company_id and p.id = s.product_id
     where s.company_id = ${p('company')}
  ), figures as (
    select grouping(warehouse_id) as by_category, warehouse_id, category,
           coalesce(sum(on_hand), 0)::int as total_quantity, coalesce(sum(reserved), 0)::int as reserved_quantity,
           coalesce(sum(available), 0)::int as available_quantity, coalesce(sum(value), 0)::text as inventory_value,
           (count(*) filter (where stock_status <> 'normal'))::int as low_stock_items,
           (count(*) filter (where stock_status = 'out'))::int as out_of_stock_items
      from rows group by grouping sets ((warehouse_id), (category), ())
  )
  select case when f.warehouse_id is not null then 'warehouse' when f.by_category = 1 and f.category is not null then 'category' else 'total' end as key,
         f.warehouse_id, w.code, w.name, f.category, f.total_quantity, f.reserved_quantity, f.available_quantity, f.inventory_value,
         f.low_stock_items, f.out_of_stock_items
    from figures f left join warehouses w on w.company_id = ${p('company')} and w.id = f.warehouse_id
   order by key, w.name, f.category`,
);

/** The dashboard's aggregates, each one statement over the company's rows. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly sessions: Sessions) {}

  async metrics(key: TenantKey): Promise<MetricsRow> {
    const [row] = await sqlRows<MetricsRow>(this.sessions.managerFor(key), METRICS.text, METRICS.values({ company: key.companyId }));
    return row;
  }

  sales(key: TenantKey, start: string, end: string, unit: Grouping): Promise<SalesRow[]> {
    return sqlRows<SalesRow>(this.sessions.managerFor(key), SALES.text, SALES.values({ company: key.companyId, start, end, unit }));
  }

  levels(key: TenantKey): Promise<Array<LevelsRow & { category: string | null }>> {
    return sqlRows(this.sessions.managerFor(key), LEVELS.text, LEVELS.values({ company: key.companyId }));
  }
}
