import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** The optional profile fields a user has , shared by sign-up, team and profile. */
export class ProfileFieldsDto {
  @IsOptional() @Trim() @IsString() @MaxLength(150) first_name?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(150) last_name?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) employee_code?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) job_title?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) phone?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) mobile?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(10) language?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(64) time_zone?: string;
  @IsOptional() @IsBoolean() is_warehouse_operator?: boolean;
}
