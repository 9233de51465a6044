import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsLatitude, IsLongitude, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';
import { WAREHOUSE_TYPES } from '../entities/warehouse.entity';
import type { WarehouseType } from '../entities/warehouse.entity';
import { MultiLine } from '../../common/validation/input-rules';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const CODE_MESSAGE = 'Use letters, digits and . _ - / only, starting with a letter or digit.';
const toCoordinate = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

/** Every warehouse field except code and name, all optional. */
export class WarehouseFieldsDto {
  @IsOptional() @Trim() @IsString() @MaxLength(2000) @MultiLine() description?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) address_line1?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) address_line2?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) state?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(20) postal_code?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) country?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(64) time_zone?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '40.712800', description: 'Decimal degrees; a number is accepted too' })
  @IsOptional()
  @Transform(toCoordinate)
  @ValidateIf((_, v) => v !== null)
  @IsLatitude({ message: 'Enter a valid latitude between -90 and 90.' })
  latitude?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '-74.006000', description: 'Decimal degrees; a number is accepted too' })
  @IsOptional()
  @Transform(toCoordinate)
  @ValidateIf((_, v) => v !== null)
  @IsLongitude({ message: 'Enter a valid longitude between -180 and 180.' })
  longitude?: string | null;

  @ApiPropertyOptional({ enum: WAREHOUSE_TYPES, default: 'main' })
  @IsOptional()
  @IsIn(WAREHOUSE_TYPES)
  type?: WarehouseType;

  @IsOptional() @IsBoolean() is_active?: boolean;
  @IsOptional() @IsBoolean() allow_negative_stock?: boolean;
  @IsOptional() @IsBoolean() uses_bins?: boolean;

  /** Free-text location (an address line or area). */
  @IsOptional() @Trim() @IsString() @MaxLength(500) location?: string;

  /** Capacity in units. */
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) capacity?: number | null;
}

/** POST: `code` may be omitted (003's clients send none) and is then generated (WH-001, ...). */
export class CreateWarehouseDto extends WarehouseFieldsDto {
  /** Unique within the company. Generated when omitted. @example WH-001 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  /** @example Main Warehouse */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;
}

/** PUT: a full update, code and name required. */
export class ReplaceWarehouseDto extends WarehouseFieldsDto {
  /** @example WH-001 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  /** @example Main Warehouse */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;
}

/** PATCH: some of the fields. */
export class UpdateWarehouseDto extends PartialType(ReplaceWarehouseDto) {}
