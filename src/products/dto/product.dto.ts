import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { QueryBoolean } from '../../common/validation/query-boolean.decorator';
import { Trim } from '../../common/validation/trim.decorator';
import { IsMoney, MultiLine, MAX_MONEY } from '../../common/validation/input-rules';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
export const SKU_MESSAGE = 'Use letters, digits and . _ - / only, starting with a letter or digit.';

export class ProductDto {
  id: number;
  /** @example LAP001 */
  sku: string;
  /** @example Laptop */
  name: string;
  description: string;
  @ApiProperty({ type: 'number', example: 999.99, description: 'Two decimals' })
  price: number;
  /** @example Electronics */
  category: string;
  barcode: string;
  /** @example pcs */
  unit: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** 002's answer to a create, with the product's fields. */
export class ProductCreatedDto extends ProductDto {
  /** @example Product created successfully. */
  message: string;
  product_id: number;
}

export class CreateProductDto {
  /** Unique within the company; generated (SKU-00001, ...) when omitted. */
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(64) @Matches(SKU_PATTERN, { message: SKU_MESSAGE }) sku?: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;
  @IsOptional() @Trim() @IsString() @MaxLength(5000) @MultiLine() description?: string;

  @ApiPropertyOptional({ type: 'number', example: 999.99, default: 0, minimum: 0, maximum: MAX_MONEY, description: 'At most two decimals.' })
  @IsOptional()
  @IsMoney()
  price?: number;

  @IsOptional() @Trim() @IsString() @MaxLength(100) category?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(64) barcode?: string;
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(20) unit?: string;
  @IsOptional() @IsBoolean() is_active?: boolean;
}

export class UpdateProductDto extends PartialType(CreateProductDto) {}

export class ProductListQueryDto extends ListQuery {
  /** Name or SKU contains this, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(100) search?: string;
  @IsOptional() @IsString() @MaxLength(100) category?: string;
  /** Exactly this SKU, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(64) sku?: string;
  /** Products with a stock row in this warehouse. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) warehouse_id?: number;
  @IsOptional() @QueryBoolean() @IsBoolean() is_active?: boolean;
}
