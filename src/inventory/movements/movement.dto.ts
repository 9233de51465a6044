import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, NotEquals, ValidateIf } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { MOVEMENT_TYPES } from '../entities/stock-movement.entity';
import type { MovementType } from '../entities/stock-movement.entity';
import { InventoryItemDto } from '../items/item.dto';

export const ADJUSTMENT_REASONS = ['received', 'damaged', 'lost', 'stolen', 'found', 'returned', 'expired', 'correction', 'other'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
const LIMIT = 1_000_000_000;

export class MovementDto {
  id: number;
  item_id: number;
  product_id: number;
  warehouse_id: number;
  @ApiProperty({ type: 'integer', nullable: true })
  location_id: number | null;
  @ApiProperty({ enum: MOVEMENT_TYPES })
  type: MovementType;
  quantity_delta: number;
  reserved_delta: number;
  /** On hand after this movement. */
  quantity_after: number;
  reason: string;
  /** What caused it: transfer:<id>, count:<id>, import:<id>, order:<id>, or your own reference. */
  reference: string;
  @ApiProperty({ type: 'integer', nullable: true })
  user_id: number | null;
  created_at: string;
}

/** A change of on-hand by a delta, with a reason code. Name the item, or product and warehouse. */
export class AdjustmentDto {
  /** The inventory item to adjust. Checked whenever it is sent: a value that is not used must still be a valid one. */
  @ValidateIf((o: AdjustmentDto) => o.item_id !== undefined || (o.product_id === undefined && o.warehouse_id === undefined))
  @IsInt()
  @Min(1)
  item_id?: number;

  /** With warehouse_id (and location_id): the item is created when it does not exist yet. */
  @ValidateIf((o: AdjustmentDto) => o.item_id === undefined || o.product_id !== undefined)
  @IsInt()
  @Min(1)
  product_id?: number;

  @ValidateIf((o: AdjustmentDto) => o.item_id === undefined || o.warehouse_id !== undefined)
  @IsInt()
  @Min(1)
  warehouse_id?: number;

  @IsOptional() @IsInt() @Min(1) location_id?: number;

  @ApiProperty({ type: 'integer', minimum: -LIMIT, maximum: LIMIT, description: 'Positive to add, negative to remove; never zero.', example: -3 })
  @IsInt()
  @NotEquals(0, { message: 'Must not be zero.' })
  @Min(-LIMIT)
  @Max(LIMIT)
  delta: number;

  @ApiProperty({ enum: ADJUSTMENT_REASONS })
  @IsIn(ADJUSTMENT_REASONS)
  reason: AdjustmentReason;

  @IsOptional() @IsString() @MaxLength(255) reference?: string;
}

export class AdjustmentResultDto {
  movement: MovementDto;
  item: InventoryItemDto;
}

export class MovementListQueryDto extends ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) item_id?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) product_id?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) warehouse_id?: number;
  /** Movements in this bin. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) location_id?: number;
  /** Movements booked by this user. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) user_id?: number;
  @ApiPropertyOptional({ enum: MOVEMENT_TYPES })
  @IsOptional()
  @IsIn(MOVEMENT_TYPES)
  type?: MovementType;
  @IsOptional() @IsString() @MaxLength(255) reference?: string;
  /** YYYY-MM-DD, inclusive. */
  @IsOptional() @IsISO8601({ strict: true }) date_from?: string;
  /** YYYY-MM-DD, inclusive. */
  @IsOptional() @IsISO8601({ strict: true }) date_to?: string;
}

/** 003: move stock between two warehouses (and optionally bins) of the company. */
export class TransferDto {
  @IsInt() @Min(1) product_id: number;
  @IsInt() @Min(1) from_warehouse_id: number;
  @IsInt() @Min(1) to_warehouse_id: number;
  @IsOptional() @IsInt() @Min(1) from_location_id?: number;
  @IsOptional() @IsInt() @Min(1) to_location_id?: number;
  @IsInt() @Min(1) @Max(LIMIT) quantity: number;
  /** @example Rebalancing stock */
  @IsOptional() @IsString() @MaxLength(255) reason?: string;
}

export class TransferResultDto {
  /** The reference both ledger rows carry. @example transfer:6f1c... */
  reference: string;
  quantity: number;
  from: InventoryItemDto;
  to: InventoryItemDto;
}
