import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { ProfileFieldsDto } from '../../accounts/dto/profile-fields.dto';
import { Trim } from '../../common/validation/trim.decorator';
import { MeetsPasswordPolicy } from '../passwords';

export const USERNAME_PATTERN = /^[\w.@+-]+$/;
export const USERNAME_MESSAGE = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';

/** Sign-up of a company and its owner. */
export class RegisterDto extends ProfileFieldsDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) company_name: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(150) @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE }) username: string;
  @Trim() @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(128) @MeetsPasswordPolicy() password: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password_confirm: string;

  @IsOptional() @Trim() @IsString() @MaxLength(255) company_legal_name?: string;
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) company_email?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) company_phone?: string;
  @IsOptional() @Trim() @IsUrl() @MaxLength(255) company_website?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) company_address_line1?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) company_address_line2?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) company_city?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) company_state?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(20) company_postal_code?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) company_country?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) company_tax_id?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) company_registration_number?: string;
}
