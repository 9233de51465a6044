import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MaxDecimals } from '../../common/validation/input-rules';
import { Trim } from '../../common/validation/trim.decorator';
import { PLATFORMS } from '../entities/marketplace-connection.entity';
import type { Platform } from '../entities/marketplace-connection.entity';

export class ConnectionDto {
  id: number;
  @ApiProperty({ enum: PLATFORMS })
  platform: Platform;
  name: string;
  /** The credential fields, secrets masked: they are never answered. @example {"seller_id":"A1B2C3","marketplace_id":"ATVPDKIKX0DER","access_key":"********","secret_key":"********"} */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  credentials: Record<string, string>;
  credentials_set: boolean;
  /** The stock list that decides what is offered; null: all warehouses, no safety stock. */
  @ApiProperty({ type: 'integer', nullable: true })
  stock_list_id: number | null;
  /** Added to the product's price when a sync gives none. */
  @ApiProperty({ type: Number, nullable: true })
  price_markup_percent: number | null;
  is_active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_synced_at: string | null;
  @ApiProperty({ enum: ['active', 'inactive', 'error'] })
  status: 'active' | 'inactive' | 'error';
  /** The last push's error, while the connection is in status error. */
  @ApiProperty({ type: String, nullable: true })
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export class CreateConnectionDto {
  @ApiProperty({ enum: PLATFORMS, example: 'amazon' })
  @IsIn(PLATFORMS)
  platform: Platform;

  /** @example Amazon US Store */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;

  /**
   * Per platform. amazon: access_key, secret_key, seller_id, marketplace_id (+ refresh_token, base_url,
   * token_url); shopify: shop_domain, access_token, location_id (+ base_url, api_version); custom:
   * endpoint_url (+ signing_secret, a whsec_ secret to sign pushes like webhooks).
   * @example {"access_key":"AKIA...","secret_key":"secret...","seller_id":"A1B2C3...","marketplace_id":"ATVPDKIKX0DER"}
   */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  @IsObject()
  credentials: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  stock_list_id?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -100, maximum: 1000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimals(2)
  @Min(-100)
  @Max(1000)
  price_markup_percent?: number | null;

  @IsOptional() @IsBoolean() is_active?: boolean;
}

/** Any field but the platform; `credentials` replaces every credential field (send all of them). */
export class UpdateConnectionDto extends PartialType(OmitType(CreateConnectionDto, ['platform'] as const)) {}
