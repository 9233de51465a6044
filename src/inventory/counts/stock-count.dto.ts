import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { MultiLine } from '../../common/validation/input-rules';

const LIMIT = 1_000_000_000;

export class CountLineInputDto {
  @IsString() @IsNotEmpty() @MaxLength(64) sku: string;
  @IsInt() @Min(1) warehouse_id: number;
  @IsOptional() @IsInt() @Min(1) location_id?: number;
  /** The absolute quantity to set. */
  @IsInt() @Min(0) @Max(LIMIT) quantity: number;
  /** Compare-and-set: the apply fails if the current quantity differs from this. */
  @IsOptional() @IsInt() @Min(0) @Max(LIMIT) expected_quantity?: number;
}

export class CreateStockCountDto {
  /** @example Cycle count, aisle 3 */
  @IsOptional() @IsString() @MaxLength(255) name?: string;
  @IsOptional() @IsString() @MaxLength(2000) @MultiLine() note?: string;

  @ApiProperty({ type: [CountLineInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => CountLineInputDto)
  lines: CountLineInputDto[];
}

/** Only drafts change; `lines`, when given, replaces them all. */
export class UpdateStockCountDto {
  @IsOptional() @IsString() @MaxLength(255) name?: string;
  @IsOptional() @IsString() @MaxLength(2000) @MultiLine() note?: string;

  @ApiPropertyOptional({ type: [CountLineInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => CountLineInputDto)
  lines?: CountLineInputDto[];
}

export class CountLineDto {
  line_no: number;
  sku: string;
  product_id: number;
  warehouse_id: number;
  @ApiProperty({ type: 'integer', nullable: true })
  location_id: number | null;
  quantity: number;
  @ApiProperty({ type: 'integer', nullable: true })
  expected_quantity: number | null;
}

export class StockCountDto {
  id: number;
  name: string;
  note: string;
  @ApiProperty({ enum: ['draft', 'applied'] })
  status: 'draft' | 'applied';
  line_count: number;
  lines: CountLineDto[];
  @ApiProperty({ type: 'integer', nullable: true })
  created_by: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  applied_by: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  applied_at: string | null;
  created_at: string;
  updated_at: string;
}

export class StockCountListQueryDto extends ListQuery {}
