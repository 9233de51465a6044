import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Allow, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { LEGACY_ROLES } from '../../../accounts/entities/user.entity';
import type { LegacyRole } from '../../../accounts/entities/user.entity';
import { Trim } from '../../../common/validation/trim.decorator';
import { USERNAME_MESSAGE, USERNAME_PATTERN } from '../../dto/register.dto';
import { MeetsPasswordPolicy } from '../../passwords';

/** 000, 002, 003: `username` (or `email`) and `password`. */
export class SharedLoginDto {
  /** Required unless `email` is given; checked whenever it is sent. */
  @ValidateIf((o: SharedLoginDto) => o.email === undefined || o.username !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  username?: string;

  @IsOptional() @Trim() @IsEmail() @MaxLength(254) email?: string;

  @IsString() @IsNotEmpty() @MaxLength(128) password: string;
}

export class LoginUserBriefDto {
  id: number;
  username: string;
  email: string;
  @ApiProperty({ enum: LEGACY_ROLES })
  role: LegacyRole;
}

/**
 * One body for the three documents: `key` is 000's opaque key; `token` (003), `access`
 * and `access_token` (002) are the same JWT; `refresh` and `refresh_token` the same refresh token.
 */
export class SharedLoginResponseDto {
  key: string;
  token: string;
  access: string;
  refresh: string;
  access_token: string;
  refresh_token: string;
  /** @example Bearer */
  token_type: string;
  /** Seconds. @example 3600 */
  expires_in: number;
  user: LoginUserBriefDto;
}

/** 002. */
export class RefreshTokenDto {
  @IsString() @IsNotEmpty() refresh_token: string;
}

/** 002's answer; refresh tokens rotate, so the one to use next time comes along. */
export class AccessTokenResponseDto {
  access_token: string;
  /** Seconds. @example 3600 */
  expires_in: number;
  refresh_token: string;
  /** @example Bearer */
  token_type: string;
}

/** 002's logout takes no body; a refresh token sent along is accepted and ends with the session anyway. */
export class BearerLogoutDto {
  @ApiHideProperty() @Allow() refresh_token?: unknown;
  @ApiHideProperty() @Allow() refresh?: unknown;
}

/** 003: no company fields; a company named after the user is created. */
export class SimpleRegisterDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(150) @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE }) username: string;
  @Trim() @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(128) @MeetsPasswordPolicy() password: string;
  @IsOptional() @Trim() @IsString() @MaxLength(150) first_name?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(150) last_name?: string;
}

/** 003: no confirmation field. */
export class SimpleChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(128) old_password: string;
  @IsString() @IsNotEmpty() @MaxLength(128) new_password: string;
}
