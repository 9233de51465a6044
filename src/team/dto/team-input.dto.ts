import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEGACY_ROLES } from '../../accounts/entities/user.entity';
import type { LegacyRole } from '../../accounts/entities/user.entity';
import { USERNAME_MESSAGE, USERNAME_PATTERN } from '../../auth/dto/register.dto';
import { ListQuery } from '../../common/http/pagination';
import { ProfileFieldsDto } from '../../accounts/dto/profile-fields.dto';
import { Trim } from '../../common/validation/trim.decorator';
import { MeetsPasswordPolicy } from '../../auth/passwords';

/** An admin adds a user to the company with a first password. */
export class CreateMemberDto extends ProfileFieldsDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(150) @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE }) username: string;
  @Trim() @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(128) @MeetsPasswordPolicy() password: string;
  /** Company-wide role. Default viewer; warehouse assignments can add to it. */
  @ApiPropertyOptional({ enum: LEGACY_ROLES, default: 'viewer' })
  @IsOptional()
  @IsIn(LEGACY_ROLES)
  role?: LegacyRole;
}

/** PATCH a member: profile fields, the company role, or is_active. */
export class UpdateMemberDto extends PartialType(OmitType(CreateMemberDto, ['username', 'password'] as const)) {
  @IsOptional() @IsBoolean() is_active?: boolean;
}

export class AssignmentInputDto {
  @IsInt() @Min(1) warehouse_id: number;

  /** A legacy role name; give this or role_id (or neither, for an assignment without a role). */
  @ApiPropertyOptional({ enum: LEGACY_ROLES })
  @IsOptional()
  @IsIn(LEGACY_ROLES)
  role?: LegacyRole;

  /** A custom role of the company. */
  @IsOptional() @IsInt() @Min(1) role_id?: number;

  @IsOptional() @IsBoolean() is_primary?: boolean;
}

/** The member's complete list of warehouse assignments; exactly one is primary. */
export class ReplaceRolesDto {
  @ApiProperty({ type: [AssignmentInputDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AssignmentInputDto)
  roles: AssignmentInputDto[];
}

export class TeamListQueryDto extends ListQuery {
  /** Email, first, last or full name, or username; case-insensitive. */
  @IsOptional() @IsString() @MaxLength(100) search?: string;

  /** A custom role id, or a legacy role name (admin, manager, operator, viewer). */
  @IsOptional() @IsString() @MaxLength(20) role?: string;
}
