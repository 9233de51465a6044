import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { USERNAME_MESSAGE, USERNAME_PATTERN } from '../../auth/dto/register.dto';
import { Trim } from '../../common/validation/trim.decorator';

/** 002's user. */
export class UserBriefDto {
  id: number;
  username: string;
  email: string;
  created_at: string;
}

/** 002: PUT users/{id}. */
export class UpdateUserDto {
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(150) @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE }) username?: string;
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) email?: string;
}
