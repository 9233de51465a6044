import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmptyObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CursorListQuery } from '../../common/http/pagination';
import { STOCK_STATUSES } from '../entities/stock-level.entity';
import type { StockStatus } from '../entities/stock-level.entity';

const MAX_QUANTITY = 1_000_000_000;

export class ItemProductDto {
  id: number;
  name: string;
  sku: string;
  @ApiProperty({ type: 'number', example: 999.99 })
  price: number;
  category: string;
}

export class ItemWarehouseDto {
  id: number;
  name: string;
  /** @example 123 Main St */
  location: string;
}

export class ItemLocationDto {
  id: number;
  code: string;
  name: string;
}

/** 003's inventory item: one product's stock in one warehouse (and optionally one bin). */
export class InventoryItemDto {
  id: number;
  product: ItemProductDto;
  warehouse: ItemWarehouseDto;
  /** The bin, when the stock is kept per location. */
  @ApiProperty({ type: ItemLocationDto, nullable: true })
  location: ItemLocationDto | null;
  /** On hand. */
  quantity: number;
  reserved_quantity: number;
  available_quantity: number;
  min_stock_level: number;
  @ApiProperty({ type: 'integer', nullable: true })
  max_stock_level: number | null;
  @ApiProperty({ enum: STOCK_STATUSES })
  stock_status: StockStatus;
  last_updated: string;
}

export class ItemListQueryDto extends CursorListQuery {
  /** Product name contains this, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(255) product_name?: string;
  @IsOptional() @IsString() @MaxLength(100) category?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) warehouse_id?: number;
  /** Stock of this product only. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) product_id?: number;
  /** Stock in this bin only. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) location_id?: number;
  /** Product name or SKU contains this, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(255) search?: string;
  @IsOptional() @IsString() @MaxLength(64) sku?: string;
  @ApiPropertyOptional({ enum: STOCK_STATUSES })
  @IsOptional()
  @IsIn(STOCK_STATUSES)
  stock_status?: StockStatus;
  /** Quantity on hand at least this. */
  @IsOptional() @Type(() => Number) @IsInt() min_stock?: number;
  /** Quantity on hand at most this. */
  @IsOptional() @Type(() => Number) @IsInt() max_stock?: number;
}

export class CreateItemDto {
  @IsInt() @Min(1) product_id: number;
  @IsInt() @Min(1) warehouse_id: number;
  /** A bin of that warehouse. */
  @IsOptional() @IsInt() @Min(1) location_id?: number;
  /** Initial quantity on hand (booked in the ledger). */
  @IsOptional() @IsInt() @Min(0) @Max(MAX_QUANTITY) quantity?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_QUANTITY) min_stock_level?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_QUANTITY) max_stock_level?: number;
}

export class UpdateItemDto {
  /** New quantity on hand; the difference is booked in the ledger. */
  @IsOptional() @IsInt() @Min(0) @Max(MAX_QUANTITY) quantity?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_QUANTITY) min_stock_level?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  max_stock_level?: number | null;
  /** Why the quantity changed (kept in the ledger). */
  @IsOptional() @IsString() @MaxLength(255) reason?: string;
}

export class BulkUpdateEntryDto {
  @IsInt() @Min(1) id: number;

  @ApiProperty({ type: UpdateItemDto })
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => UpdateItemDto)
  data: UpdateItemDto;
}

/** 003: up to 1000 updates, applied all or nothing. */
export class BulkUpdateDto {
  @ApiProperty({ type: [BulkUpdateEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BulkUpdateEntryDto)
  updates: BulkUpdateEntryDto[];
}

export class BulkUpdateResultDto {
  updated: number;
  items: InventoryItemDto[];
}
