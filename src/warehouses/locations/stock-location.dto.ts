import { PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { QueryBoolean } from '../../common/validation/query-boolean.decorator';
import { Trim } from '../../common/validation/trim.decorator';
import { IsStockType } from './stock-type';

/** Whippy Ware's stock location: `provider` is the warehouse that holds it. */
export class StockLocationDto {
  id: number;
  /** @example Aisle 3, shelf B */
  name: string;
  /** @example A3-B */
  code: string;
  /** The warehouse id. */
  provider: number;
  /** What kind of stock the bin holds; stock-list rules can count only some types. @example standard */
  stock_type: string;
  is_active: boolean;
  created_date: string;
  modified_date: string;
}

export class CreateStockLocationDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;

  /** Unique within the warehouse. */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, { message: 'Use letters, digits and . _ - / only.' })
  code: string;

  /** The warehouse id. */
  @IsInt() @Min(1) provider: number;

  /** What kind of stock the bin holds (e.g. standard, damaged, returns); default standard. @example standard */
  @IsOptional() @IsStockType() stock_type?: string;

  @IsOptional() @IsBoolean() is_active?: boolean;
}

/** POST masterdata/warehouses/{id}/locations/: the warehouse comes from the path. */
export class CreateWarehouseLocationDto extends PickType(CreateStockLocationDto, ['name', 'code', 'stock_type', 'is_active'] as const) {}

export class UpdateStockLocationDto extends PartialType(CreateWarehouseLocationDto) {}

export class StockLocationListQueryDto extends ListQuery {
  /** Only the locations of this warehouse. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) provider?: number;
  @IsOptional() @IsString() @MaxLength(50) code?: string;
  @IsOptional() @IsStockType() stock_type?: string;
  @IsOptional() @QueryBoolean() @IsBoolean() is_active?: boolean;
}
