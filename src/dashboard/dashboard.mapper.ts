import type { DashboardMetricsDto, Grouping, InventoryLevelsDto, SalesDto, StockFiguresDto } from './dto/dashboard.dto';
import type { LevelsRow, MetricsRow, SalesRow } from './dashboard.repository';

const money = (value: string) => Number(value);

export function toMetrics(row: MetricsRow, asOf: string): DashboardMetricsDto {
  return {
    total_sales: money(row.total_sales),
    total_orders: row.total_orders,
    total_inventory_value: money(row.total_inventory_value),
    low_stock_items: row.low_stock_items,
    pending_orders: row.pending_orders,
    monthly_revenue: money(row.monthly_revenue),
    currency: 'USD',
    as_of: asOf,
  };
}

export function toSales(start: string, end: string, groupBy: Grouping, rows: SalesRow[]): SalesDto {
  const series = rows.map((r) => ({ period_start: r.period_start, orders: r.orders, units: r.units, revenue: money(r.revenue) }));
  return {
    start_date: start,
    end_date: end,
    group_by: groupBy,
    total_orders: series.reduce((n, p) => n + p.orders, 0),
    total_units: series.reduce((n, p) => n + p.units, 0),
    total_revenue: rows.reduce((cents, r) => cents + Math.round(Number(r.revenue) * 100), 0) / 100,
    series,
  };
}

function figures(row: LevelsRow): StockFiguresDto {
  return {
    total_quantity: row.total_quantity,
    reserved_quantity: row.reserved_quantity,
    available_quantity: row.available_quantity,
    inventory_value: money(row.inventory_value),
    low_stock_items: row.low_stock_items,
    out_of_stock_items: row.out_of_stock_items,
  };
}

export function toLevels(rows: Array<LevelsRow & { category: string | null }>): InventoryLevelsDto {
  const total = rows.find((r) => r.key === 'total');
  return {
    warehouses: rows.filter((r) => r.key === 'warehouse').map((r) => ({ warehouse: { id: r.warehouse_id!, code: r.code!, name: r.name! }, ...figures(r) })),
    categories: rows.filter((r) => r.key === 'category').map((r) => ({ category: r.category!, ...figures(r) })),
    totals: total
      ? figures(total)
      : { total_quantity: 0, reserved_quantity: 0, available_quantity: 0, inventory_value: 0, low_stock_items: 0, out_of_stock_items: 0 },
  };
}
