import type { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import type { User } from '../accounts/entities/user.entity';
import { isoTime } from '../common/http/serialize';
import type { MemberRoleDto, TeamMemberDto } from './dto/team-member.dto';

/** The role name an assignment carries: a custom role's name or the legacy name. */
export function assignmentRoleName(a: WarehouseAssignment): string | null {
  return a.role?.name ?? a.legacyRole ?? null;
}

export function toMemberRole(a: WarehouseAssignment): MemberRoleDto {
  return {
    warehouse_id: a.warehouseId,
    warehouse_code: a.warehouse?.code ?? '',
    warehouse_name: a.warehouse?.name ?? '',
    ...(a.roleId !== null && { role_id: a.roleId }),
    role_name: assignmentRoleName(a),
    role_type: a.roleId !== null ? 'custom' : a.legacyRole ? 'legacy' : null,
    is_primary: a.isPrimary,
  };
}

export function toTeamMember(user: User, assignments: WarehouseAssignment[]): TeamMemberDto {
  const primary = assignments.find((a) => a.isPrimary);
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    full_name: `${user.firstName} ${user.lastName}`.trim(),
    employee_code: user.employeeCode,
    job_title: user.jobTitle,
    phone: user.phone,
    mobile: user.mobile,
    is_warehouse_operator: user.isWarehouseOperator,
    is_active: user.isActive,
    is_staff: user.isStaff,
    is_superuser: user.isSuperuser,
    date_joined: isoTime(user.dateJoined),
    last_login: isoTime(user.lastLogin),
    role: user.role,
    roles: assignments.map(toMemberRole),
    primary_warehouse: primary
      ? {
          warehouse_id: primary.warehouseId,
          warehouse_code: primary.warehouse?.code ?? '',
          warehouse_name: primary.warehouse?.name ?? '',
          role: assignmentRoleName(primary),
        }
      : null,
  };
}
