import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';

/** Whippy Ware's stock row: sku × provider (warehouse) × location (bin). */
export class WhippyStockDto {
  id: number;
  sku: string;
  /** The warehouse id. */
  provider: number;
  /** The bin id, or null for stock kept at warehouse level. */
  @ApiProperty({ type: 'integer', nullable: true })
  location: number | null;
  /** On hand. */
  stock: number;
  reserved_stock: number;
  /** The bin's stock type; standard for stock kept at warehouse level. @example standard */
  stock_type: string;
  /** @example qty */
  unit_type: string;
  is_active: boolean;
  created_date: string;
  modified_date: string;
}

export class StocksQueryDto extends ListQuery {
  @IsOptional() @IsString() @MaxLength(64) sku?: string;
  /** Warehouse id. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) provider?: number;
  /** Bin id. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) location?: number;
}
