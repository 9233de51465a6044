import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEGACY_ROLES } from '../../accounts/entities/user.entity';
import type { LegacyRole } from '../../accounts/entities/user.entity';

/** One warehouse assignment of a team member. */
export class MemberRoleDto {
  warehouse_id: number;
  warehouse_code: string;
  warehouse_name: string;
  /** Only present for custom roles. */
  @ApiPropertyOptional({ type: 'integer' })
  role_id?: number;
  @ApiProperty({ type: String, nullable: true, example: 'operator' })
  role_name: string | null;
  @ApiProperty({ enum: ['custom', 'legacy'], nullable: true })
  role_type: 'custom' | 'legacy' | null;
  is_primary: boolean;
}

export class PrimaryWarehouseDto {
  warehouse_id: number;
  warehouse_code: string;
  warehouse_name: string;
  @ApiProperty({ type: String, nullable: true })
  role: string | null;
}

export class TeamMemberDto {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  full_name: string;
  employee_code: string;
  job_title: string;
  phone: string;
  mobile: string;
  is_warehouse_operator: boolean;
  is_active: boolean;
  is_staff: boolean;
  is_superuser: boolean;
  date_joined: string;
  last_login: string | null;
  /** Company-wide role; warehouse assignments can add to it. */
  @ApiProperty({ enum: LEGACY_ROLES })
  role: LegacyRole;
  roles: MemberRoleDto[];
  @ApiProperty({ type: PrimaryWarehouseDto, nullable: true })
  primary_warehouse: PrimaryWarehouseDto | null;
}
