import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const GROUPINGS = ['day', 'week', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The company at a glance. Orders count when they are not cancelled. */
export class DashboardMetricsDto {
  /** Sum of the totals of every order that is not cancelled. @example 150000 */
  total_sales: number;
  /** Orders that are not cancelled. @example 450 */
  total_orders: number;
  /** Σ on hand × the product's price over every stock row. @example 75000 */
  total_inventory_value: number;
  /** Stock rows at or below their minimum level (out of stock included). @example 12 */
  low_stock_items: number;
  /** Orders in status pending. @example 25 */
  pending_orders: number;
  /** Sales of the current calendar month (UTC). @example 25000 */
  monthly_revenue: number;
  /** The currency of the amounts: the API records prices without one. @example USD */
  currency: string;
  /** When the figures were computed. */
  as_of: string;
}

export class SalesQueryDto {
  /** First day, inclusive (YYYY-MM-DD). @example 2024-01-01 */
  @Matches(DATE, { message: 'Must be a date (YYYY-MM-DD).' }) start_date: string;
  /** Last day, inclusive (YYYY-MM-DD); at most 366 days after start_date. @example 2024-01-31 */
  @Matches(DATE, { message: 'Must be a date (YYYY-MM-DD).' }) end_date: string;
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'day' })
  @IsOptional()
  @IsIn(GROUPINGS)
  group_by?: Grouping;
}

export class SalesPointDto {
  /** The first day of the period (a Monday for weeks, the 1st for months). @example 2024-01-01 */
  period_start: string;
  orders: number;
  units: number;
  revenue: number;
}

/** Sales of a date range (UTC days), orders not cancelled, with every period present (zeros included). */
export class SalesDto {
  start_date: string;
  end_date: string;
  @ApiProperty({ enum: GROUPINGS })
  group_by: Grouping;
  total_orders: number;
  total_units: number;
  total_revenue: number;
  @ApiProperty({ type: [SalesPointDto] })
  series: SalesPointDto[];
}

export class StockFiguresDto {
  total_quantity: number;
  reserved_quantity: number;
  available_quantity: number;
  /** Σ on hand × price. */
  inventory_value: number;
  low_stock_items: number;
  out_of_stock_items: number;
}

export class WarehouseRefDto {
  id: number;
  code: string;
  name: string;
}

export class WarehouseLevelsDto extends StockFiguresDto {
  @ApiProperty({ type: WarehouseRefDto })
  warehouse: WarehouseRefDto;
}

export class CategoryLevelsDto extends StockFiguresDto {
  /** The product category ('' for products without one). */
  category: string;
}

export class InventoryLevelsDto {
  @ApiProperty({ type: [WarehouseLevelsDto] })
  warehouses: WarehouseLevelsDto[];
  @ApiProperty({ type: [CategoryLevelsDto] })
  categories: CategoryLevelsDto[];
  @ApiProperty({ type: StockFiguresDto })
  totals: StockFiguresDto;
}
