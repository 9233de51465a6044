import { isoTime } from '../common/http/serialize';
import type { MarketplaceAnalyticsDto, Period } from './dto/analytics.dto';
import type { ConnectionDto } from './dto/connection.dto';
import type { ListingDto, SyncJobDto } from './dto/sync.dto';
import { maskedCredentials } from './credentials';
import type { Credentials } from './credentials';
import type { MarketplaceConnection } from './entities/marketplace-connection.entity';
import type { MarketplaceListing } from './entities/marketplace-listing.entity';
import type { SyncJob } from './entities/sync-job.entity';

/** A connection as answered: its credentials masked, never in clear. */
export function toConnectionDto(c: MarketplaceConnection, credentials: Credentials): ConnectionDto {
  return {
    id: c.id,
    platform: c.platform,
    name: c.name,
    credentials: maskedCredentials(c.platform, credentials),
    credentials_set: true,
    stock_list_id: c.stockListId,
    price_markup_percent: c.priceMarkupPercent === null ? null : Number(c.priceMarkupPercent),
    is_active: c.isActive,
    last_synced_at: isoTime(c.lastSyncedAt),
    status: !c.isActive ? 'inactive' : c.lastError ? 'error' : 'active',
    last_error: c.lastError,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
  };
}

export function toListingDto(l: MarketplaceListing): ListingDto {
  return {
    product_id: l.productId,
    sku: l.sku,
    external_id: l.externalId,
    price: Number(l.price),
    quantity: l.quantity,
    pushed_price: l.pushedPrice === null ? null : Number(l.pushedPrice),
    pushed_quantity: l.pushedQuantity,
    last_pushed_at: isoTime(l.lastPushedAt),
    status: l.status,
    error: l.error,
  };
}

export function toSyncJobDto(
  job: SyncJob,
  progress: { succeeded: number; failed: number; pending: number; last_change: Date | null; errors: Array<{ product_id: number; sku: string; error: string }> },
): SyncJobDto {
  const running = progress.pending > 0;
  return {
    id: job.id,
    connection_id: job.connectionId,
    status: running ? 'running' : progress.failed > 0 ? 'failed' : 'completed',
    total: job.total,
    succeeded: progress.succeeded,
    failed: progress.failed,
    errors: progress.errors,
    created_at: isoTime(job.createdAt),
    finished_at: running ? null : isoTime(progress.last_change ? new Date(progress.last_change) : job.createdAt),
  };
}

export function toAnalyticsDto(
  c: MarketplaceConnection,
  period: Period,
  figures: { listed: number; synced: number; failed: number; daily: Array<{ date: string; orders: number; units: number; revenue: string }> },
  lastSyncedAt: string | null,
): MarketplaceAnalyticsDto {
  const daily = figures.daily.map((d) => ({ date: d.date, orders: d.orders, units: d.units, revenue: Number(d.revenue) }));
  const orders = daily.reduce((n, d) => n + d.orders, 0);
  const revenue = figures.daily.reduce((cents, d) => cents + Math.round(Number(d.revenue) * 100), 0) / 100;
  return {
    connection_id: c.id,
    platform: c.platform,
    period,
    listed_products: figures.listed,
    synced_products: figures.synced,
    failed_listings: figures.failed,
    last_synced_at: lastSyncedAt,
    orders,
    units_sold: daily.reduce((n, d) => n + d.units, 0),
    revenue,
    average_order_value: orders === 0 ? 0 : Math.round((revenue / orders) * 100) / 100,
    sync_success_rate: figures.listed === 0 ? 1 : Math.round((figures.synced / figures.listed) * 10000) / 10000,
    daily,
  };
}
