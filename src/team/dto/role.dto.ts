import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PERMISSION_NAMES } from '../../access/permissions';
import type { Permission } from '../../access/permissions';
import { Trim } from '../../common/validation/trim.decorator';
import { MultiLine } from '../../common/validation/input-rules';

export class RoleDto {
  id: number;
  name: string;
  description: string;
  @ApiProperty({ enum: PERMISSION_NAMES, isArray: true })
  permissions: Permission[];
  created_at: string;
  updated_at: string;
}

export class CreateRoleDto {
  /** Unique within the company. @example Shift lead */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;

  @IsOptional() @Trim() @IsString() @MaxLength(1000) @MultiLine() description?: string;

  @ApiPropertyOptional({ enum: PERMISSION_NAMES, isArray: true, description: 'From the permission catalogue' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PERMISSION_NAMES.length)
  @IsIn(PERMISSION_NAMES, { each: true, message: 'Unknown permission. Use one of the catalogue in the API description.' })
  permissions?: Permission[];
}

export class UpdateRoleDto extends PartialType(CreateRoleDto) {}

export class PermissionDto {
  @ApiProperty({ enum: PERMISSION_NAMES })
  name: Permission;
  description: string;
}
