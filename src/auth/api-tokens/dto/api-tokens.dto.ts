import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, MinDate } from 'class-validator';
import { ListQuery } from '../../../common/http/pagination';
import { Trim } from '../../../common/validation/trim.decorator';
import { API_TOKEN_KINDS } from '../api-token.entity';
import type { ApiTokenKind } from '../api-token.entity';

/** 001: the username and password to trade for a 24-hour token. */
export class CreateSessionTokenDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(254) username: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password: string;
}

export class SessionTokenDto {
  /** Use it in the X-Token header. */
  token: string;
  /** Unix time in seconds when the token stops working. @example 1669344878 */
  expiry_time: number;
}

export class TokenQueryDto {
  @IsString() @IsNotEmpty() @MaxLength(256) token: string;
}

export class TokenStatusDto {
  valid: boolean;
  /** Unix seconds; null when the token is not valid. */
  @ApiProperty({ type: 'integer', nullable: true, example: 1669345922 })
  expiry_time: number | null;
}

export class DeleteTokenDto {
  @IsOptional() @IsString() @MaxLength(256) token?: string;
}

/** 000: whose keys to expire. */
export class ExpireTokenDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(150) username: string;
}

export class ApiTokenDto {
  id: number;
  name: string;
  @ApiProperty({ enum: API_TOKEN_KINDS })
  kind: ApiTokenKind;
  /** The first characters of the token, to recognise it. */
  prefix: string;
  created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at: string | null;
}

/** Shown once, at creation. */
export class CreatedApiTokenDto extends ApiTokenDto {
  token: string;
}

/** An integration key for a partner. */
export class CreateIntegrationKeyDto {
  /** @example Acme ERP feed */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;

  /** When the key stops working; omit for a key that does not expire. */
  @IsOptional() @Type(() => Date) @IsDate() @MinDate(() => new Date(), { message: 'Must be in the future.' }) expires_at?: Date;

  /** The team member the key acts as (default: you). */
  @IsOptional() @IsInt() @Min(1) user_id?: number;
}

export class ApiTokenListQueryDto extends ListQuery {}
