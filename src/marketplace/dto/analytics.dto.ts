import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PLATFORMS } from '../entities/marketplace-connection.entity';
import type { Platform } from '../entities/marketplace-connection.entity';

export const PERIODS = ['7d', '30d', '90d', '365d'] as const;
export type Period = (typeof PERIODS)[number];

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: PERIODS, default: '30d' })
  @IsOptional()
  @IsIn(PERIODS)
  period?: Period;
}

export class AnalyticsDayDto {
  /** @example 2026-12-01 */
  date: string;
  orders: number;
  units: number;
  revenue: number;
}

/** A connection's listings and the orders that came through it (orders not cancelled, UTC days). */
export class MarketplaceAnalyticsDto {
  connection_id: number;
  @ApiProperty({ enum: PLATFORMS })
  platform: Platform;
  @ApiProperty({ enum: PERIODS })
  period: Period;
  listed_products: number;
  synced_products: number;
  failed_listings: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_synced_at: string | null;
  orders: number;
  units_sold: number;
  revenue: number;
  average_order_value: number;
  /** Synced listings of all listings (1 when there are none). */
  sync_success_rate: number;
  /** Every day of the period, zeros included. */
  @ApiProperty({ type: [AnalyticsDayDto] })
  daily: AnalyticsDayDto[];
}
