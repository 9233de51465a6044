import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** 004 §2: login by email. */
export class EmailLoginDto {
  @Trim() @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password: string;
}

/** 004 §3. */
export class RefreshDto {
  @IsString() @IsNotEmpty() refresh: string;
}

/** 004 §7: the refresh token to blacklist (checked in the service, to answer 004's own message). */
export class LogoutDto {
  @IsOptional() @IsString() refresh?: string;
}
