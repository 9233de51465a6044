import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportRowErrorDto {
  /** The line in the file (the header is line 1). */
  line: number;
  /** @example quantity */
  column: string;
  message: string;
}

export class ImportJobDto {
  id: number;
  @ApiProperty({ enum: ['pending', 'processing', 'completed', 'failed'] })
  status: string;
  @ApiProperty({ enum: ['skip_invalid', 'all_or_nothing'] })
  mode: string;
  filename: string;
  total_rows: number;
  processed_rows: number;
  /** Rows skipped (or, all_or_nothing, that rejected the file). */
  error_count: number;
  /** The first 1000 row errors. */
  errors: ImportRowErrorDto[];
  /** Why a failed job failed. */
  message: string;
  created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at: string | null;
}

export class ImportQueryDto {
  /** skip_invalid (default): bad rows are skipped and reported. all_or_nothing: a single bad row rejects the file. */
  @ApiPropertyOptional({ enum: ['skip_invalid', 'all_or_nothing'], default: 'skip_invalid' })
  @IsOptional()
  @IsIn(['skip_invalid', 'all_or_nothing'])
  mode?: 'skip_invalid' | 'all_or_nothing';
}

/** multipart/form-data with one file field. */
export class ImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV: sku, warehouse_code or warehouse_id, quantity; optional location_code, min_stock_level, max_stock_level, name, price, category',
  })
  file: unknown;
}
