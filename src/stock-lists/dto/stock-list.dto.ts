import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CursorListQuery } from '../../common/http/pagination';
import { MaxDecimals } from '../../common/validation/input-rules';
import { Trim } from '../../common/validation/trim.decorator';
import { IsStockType } from '../../warehouses/locations/stock-type';

export class StockListRuleDto {
  id: number;
  name: string;
  /** The warehouses whose stock counts. */
  warehouse_ids: number[];
  /** Only these bins of those warehouses; null: all of their stock. */
  @ApiProperty({ type: [Number], nullable: true })
  location_ids: number[] | null;
  /** Only stock of these types (a bin's stock type; stock kept at warehouse level is standard); null: every type. */
  @ApiProperty({ type: [String], nullable: true, example: ['standard'] })
  stock_types: string[] | null;
  /** Units held back per SKU. */
  safety_stock: number;
  /** Percent of the available stock held back per SKU (rounded up to whole units). */
  @ApiProperty({ type: Number, nullable: true })
  safety_stock_percent: number | null;
  /** Below this sellable quantity the list publishes 0. */
  min_quantity_to_publish: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export class CreateStockListRuleDto {
  /** @example Web shop */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;

  /** @example [1, 2] */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsInt({ each: true }) @Min(1, { each: true }) warehouse_ids: number[];

  /** Only these bins (each in one of the warehouses). Omit or null for all stock of the warehouses. */
  @ApiPropertyOptional({ type: [Number], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  location_ids?: number[] | null;

  /** Only stock of these types: a bin's stock type, standard for stock kept at warehouse level. Omit or null for every type. */
  @ApiPropertyOptional({ type: [String], nullable: true, example: ['standard'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsStockType({ each: true })
  stock_types?: string[] | null;

  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) safety_stock?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimals(2)
  @Min(0)
  @Max(100)
  safety_stock_percent?: number | null;

  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) min_quantity_to_publish?: number;
  @IsOptional() @IsBoolean() is_active?: boolean;
}

export class UpdateStockListRuleDto extends PartialType(CreateStockListRuleDto) {}

export class StockListDto {
  id: number;
  name: string;
  /** Unique within the company. */
  code: string;
  rule_id: number;
  created_at: string;
  updated_at: string;
}

export class CreateStockListDto {
  /** @example Web shop stock */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;
  /** @example WEB */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50) code: string;
  @IsInt() @Min(1) rule_id: number;
}

export class UpdateStockListDto extends PartialType(CreateStockListDto) {}

export class StockListStockDto {
  sku: string;
  product_id: number;
  /** What the channel may sell: never negative. */
  quantity: number;
  /** Available (on hand less reserved) in the rule's warehouses and bins, before safety stock. */
  total_available: number;
  /** When this SKU's stock in those locations (or the product) last changed. */
  modified_date: string;
}

export class StockListStocksQueryDto extends CursorListQuery {
  /** @example WIDGET-1 */
  @IsOptional() @IsString() @MaxLength(64) sku?: string;
  /** Only SKUs whose stock changed at or after this time (for delta feeds). */
  @IsOptional() @Type(() => Date) @IsDate() modified_since?: Date;
}
