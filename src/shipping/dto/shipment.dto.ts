import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/trim.decorator';
import { SHIPMENT_STATUSES } from '../shipment.entity';
import type { ShipmentStatus } from '../shipment.entity';
import { IsMoney, MAX_MONEY } from '../../common/validation/input-rules';

export class ShipmentDto {
  id: number;
  order_id: number;
  /** @example UPS */
  carrier: string;
  /** @example Ground */
  service_type: string;
  /** @example 1Z999AA1234567890 */
  tracking_number: string;
  @ApiProperty({ type: 'number', example: 15.99 })
  shipping_cost: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2024-01-20' })
  estimated_delivery: string | null;
  @ApiProperty({ enum: SHIPMENT_STATUSES })
  status: ShipmentStatus;
  shipped_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 003's shipment. */
export class CreateShipmentDto {
  @IsInt() @Min(1) order_id: number;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) carrier: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) service_type?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) tracking_number?: string;
  @ApiPropertyOptional({ type: 'number', example: 15.99, minimum: 0, maximum: MAX_MONEY, description: 'At most two decimals.' })
  @IsOptional()
  @IsMoney()
  shipping_cost?: number;
  /** YYYY-MM-DD. */
  @IsOptional() @IsISO8601({ strict: true }) estimated_delivery?: string;
}

/** Mark a shipment in transit or delivered. */
export class UpdateShipmentDto {
  @ApiPropertyOptional({ enum: ['in_transit', 'delivered'] })
  @IsOptional()
  @IsIn(['in_transit', 'delivered'])
  status?: 'in_transit' | 'delivered';
  @IsOptional() @Trim() @IsString() @MaxLength(100) tracking_number?: string;
  /** When it was delivered (default: now). */
  @IsOptional() @IsISO8601({ strict: true }) delivered_at?: string;
}

export class ShipmentListQueryDto extends ListQuery {
  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  status?: ShipmentStatus;
  @IsOptional() @IsString() @MaxLength(100) carrier?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) order_id?: number;
}

export const PERIODS = ['7d', '30d', '90d', '365d'] as const;

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: PERIODS, default: '30d' })
  @IsOptional()
  @IsIn(PERIODS)
  period?: (typeof PERIODS)[number];
}

export class CarrierPerformanceDto {
  carrier: string;
  total_shipments: number;
  on_time_deliveries: number;
  @ApiProperty({ type: 'number', example: 13.25 })
  average_cost: number;
  /** Days from shipped to delivered. */
  @ApiProperty({ type: 'number', nullable: true, example: 2.5 })
  average_delivery_time: number | null;
}

/** 003's shipping analytics. */
export class ShippingAnalyticsDto {
  total_shipments: number;
  /** Delivered on or before the estimate, out of those delivered with an estimate. */
  @ApiProperty({ type: 'number', nullable: true, example: 0.95 })
  on_time_delivery_rate: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 12.5 })
  average_shipping_cost: number | null;
  carrier_performance: CarrierPerformanceDto[];
}
