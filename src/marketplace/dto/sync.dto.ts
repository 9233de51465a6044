import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { IsMoney } from '../../common/validation/input-rules';
import { LISTING_STATUSES } from '../entities/marketplace-listing.entity';
import type { ListingStatus } from '../entities/marketplace-listing.entity';

/**
 * 003's sync of one product (`product_id`, optionally with `price` and `quantity`), or a bulk sync
 * (`product_ids`, or `all: true` for every active product). Without price: the product's price
 * with the connection's markup; without quantity: what the connection's stock list makes sellable.
 */
export class SyncRequestDto {
  @IsInt() @Min(1) connection_id: number;
  @IsOptional() @IsInt() @Min(1) product_id?: number;

  @ApiPropertyOptional({ example: 999.99 })
  @IsOptional()
  @IsMoney()
  price?: number;

  @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) quantity?: number;

  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsInt({ each: true }) @Min(1, { each: true }) product_ids?: number[];
  @IsOptional() @IsBoolean() all?: boolean;
}

export class SyncErrorDto {
  product_id: number;
  sku: string;
  error: string;
}

export class SyncJobDto {
  id: number;
  connection_id: number;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] })
  status: 'running' | 'completed' | 'failed';
  total: number;
  succeeded: number;
  failed: number;
  /** Products the platform refused, with its message (retried with backoff until they go through). */
  @ApiProperty({ type: [SyncErrorDto] })
  errors: SyncErrorDto[];
  created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at: string | null;
}

export class ListingDto {
  product_id: number;
  sku: string;
  /** The platform's id for the listing, once it has one. */
  @ApiProperty({ type: String, nullable: true })
  external_id: string | null;
  /** What the listing should offer. */
  price: number;
  quantity: number;
  /** What was last pushed, and when. */
  @ApiProperty({ type: Number, nullable: true })
  pushed_price: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  pushed_quantity: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_pushed_at: string | null;
  @ApiProperty({ enum: LISTING_STATUSES })
  status: ListingStatus;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
}

export class ListingListQueryDto extends ListQuery {
  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}
