import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { ValidationFailed } from '../common/errors/app-error';
import { isoTime } from '../common/http/serialize';
import type { DashboardMetricsDto, InventoryLevelsDto, SalesDto, SalesQueryDto } from './dto/dashboard.dto';
import { toLevels, toMetrics, toSales } from './dashboard.mapper';
import { DashboardRepository } from './dashboard.repository';

const MAX_RANGE_DAYS = 366;

/** A real calendar day written YYYY-MM-DD, as milliseconds since the epoch (UTC). */
function day(field: string, value: string): number {
  const at = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(at) || new Date(at).toISOString().slice(0, 10) !== value) throw ValidationFailed.field(field, 'Must be a date (YYYY-MM-DD).');
  return at;
}

/** Document 003's dashboard: the company at a glance, sales over time, stock by warehouse and category. */
@Injectable()
export class DashboardService {
  constructor(private readonly dashboard: DashboardRepository) {}

  async metrics(auth: AuthContext): Promise<DashboardMetricsDto> {
    return toMetrics(await this.dashboard.lastReadMetrics(auth), isoTime(new Date()));
  }

  async sales(auth: AuthContext, query: SalesQueryDto): Promise<SalesDto> {
    const start = day('start_date', query.start_date);
    const end = day('end_date', query.end_date);
    if (end < start) throw ValidationFailed.field('end_date', 'Must not be before start_date.');
    if ((end - start) / 86_400_000 + 1 > MAX_RANGE_DAYS) throw ValidationFailed.field('end_date', `The range may cover at most ${MAX_RANGE_DAYS} days.`);
    const groupBy = query.group_by ?? 'day';
    return toSales(query.start_date, query.end_date, groupBy, await this.dashboard.sales(auth, query.start_date, query.end_date, groupBy));
  }

  async inventoryLevels(auth: AuthContext): Promise<InventoryLevelsDto> {
    return toLevels(await this.dashboard.lastReadLevels(auth));
  }
}
