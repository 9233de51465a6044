import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** Login by email and password. */
export class EmailLoginDto {
  @Trim() @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password: string;
}

/** A refresh token, exchanged for a new access token (and the next refresh token). */
export class RefreshDto {
  @IsString() @IsNotEmpty() refresh: string;
}

/** The refresh token to revoke at logout (checked in the service, so a bad one gets logout's own message). */
export class LogoutDto {
  @IsOptional() @IsString() refresh?: string;
}
