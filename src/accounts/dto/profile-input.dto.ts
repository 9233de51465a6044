import { ApiHideProperty, IntersectionType } from '@nestjs/swagger';
import { Allow, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ProfileFieldsDto } from './profile-fields.dto';
import { Trim } from '../../common/validation/trim.decorator';

/**
 * The profile answer holds fields a client may send back but not change; they are accepted and
 * ignored rather than rejected, so a client can PUT what it GOT.
 */
class ReadOnlyProfileFields {
  @ApiHideProperty() @Allow() id?: unknown;
  @ApiHideProperty() @Allow() username?: unknown;
  @ApiHideProperty() @Allow() company_id?: unknown;
  @ApiHideProperty() @Allow() company_name?: unknown;
  @ApiHideProperty() @Allow() is_active?: unknown;
  @ApiHideProperty() @Allow() is_staff?: unknown;
  @ApiHideProperty() @Allow() is_superuser?: unknown;
  @ApiHideProperty() @Allow() date_joined?: unknown;
  @ApiHideProperty() @Allow() last_login?: unknown;
  @ApiHideProperty() @Allow() warehouses?: unknown;
}

/** The editable profile fields other than email, with the read-only ones accepted. */
class EditableProfileDto extends IntersectionType(ReadOnlyProfileFields, ProfileFieldsDto) {}

/** PATCH accounts/auth/profile/: some of the editable fields. */
export class UpdateProfileDto extends EditableProfileDto {
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) email?: string;
}

/** PUT accounts/auth/profile/: a full update, email required. */
export class ReplaceProfileDto extends EditableProfileDto {
  @Trim() @IsEmail() @MaxLength(254) email: string;
}

/** A password change: the current password and the new one, twice. */
export class ChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(128) old_password: string;
  @IsString() @IsNotEmpty() @MaxLength(128) new_password: string;
  @IsString() @IsNotEmpty() @MaxLength(128) new_password_confirm: string;
}
