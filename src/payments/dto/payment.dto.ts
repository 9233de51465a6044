import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO4217CurrencyCode, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/trim.decorator';
import { GATEWAY_TYPES, PAYMENT_STATUSES } from '../payment.entities';
import type { GatewayType, PaymentStatus } from '../payment.entities';
import { IsMoney, MAX_MONEY } from '../../common/validation/input-rules';

export class GatewayDto {
  id: number;
  name: string;
  @ApiProperty({ enum: GATEWAY_TYPES })
  gateway_type: GatewayType;
  /** Masked; the key itself is never answered. @example sk_live_...4242 */
  @ApiProperty({ type: String, nullable: true })
  api_key: string | null;
  /** Masked. @example whsec_...9876 */
  @ApiProperty({ type: String, nullable: true })
  webhook_secret: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** 003's gateway. Secrets are encrypted at rest and only ever shown masked. */
export class CreateGatewayDto {
  /** @example Stripe Production */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;

  @ApiProperty({ enum: GATEWAY_TYPES })
  @IsIn(GATEWAY_TYPES)
  gateway_type: GatewayType;

  /** Required for stripe. @example sk_live_... */
  @ValidateIf((o: CreateGatewayDto) => o.gateway_type === 'stripe' || o.api_key !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  api_key?: string;

  @IsOptional() @IsString() @MaxLength(255) webhook_secret?: string;
  @IsOptional() @IsBoolean() is_active?: boolean;
}

export class UpdateGatewayDto extends PartialType(OmitType(CreateGatewayDto, ['gateway_type'] as const)) {}

export class TransactionDto {
  id: number;
  order_id: number;
  @ApiProperty({ type: 'integer', nullable: true })
  gateway_id: number | null;
  @ApiProperty({ enum: GATEWAY_TYPES })
  gateway: GatewayType;
  @ApiProperty({ type: 'number', example: 1999.99 })
  amount: number;
  /** @example USD */
  currency: string;
  /** @example credit_card */
  payment_method: string;
  @ApiProperty({ enum: PAYMENT_STATUSES })
  status: PaymentStatus;
  /** The provider's id (a Stripe PaymentIntent). */
  provider_reference: string;
  failure_message: string;
  created_at: string;
}

/** 003's payment. `gateway` is a type (manual, stripe) or a configured gateway's id. */
export class CreateTransactionDto {
  @IsInt() @Min(1) order_id: number;

  @ApiProperty({ type: 'number', example: 1999.99, minimum: 0.01, maximum: MAX_MONEY, description: 'At most two decimals.' })
  @IsMoney(0.01)
  amount: number;

  /** ISO 4217. @example USD */
  @IsISO4217CurrencyCode({ message: 'Use an ISO 4217 currency code, such as USD.' })
  currency: string;

  /** @example credit_card */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50) payment_method: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'string', enum: [...GATEWAY_TYPES] }, { type: 'integer' }], default: 'manual' })
  @IsOptional()
  @ValidateIf((o: CreateTransactionDto) => typeof o.gateway !== 'number')
  @IsIn(GATEWAY_TYPES, { message: 'Use manual, stripe, or a gateway id.' })
  gateway?: GatewayType | number;
}

export class TransactionListQueryDto extends ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) order_id?: number;
  /** Transactions through this configured gateway. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) gateway_id?: number;
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;
  @ApiPropertyOptional({ enum: GATEWAY_TYPES })
  @IsOptional()
  @IsIn(GATEWAY_TYPES)
  gateway?: GatewayType;
}
