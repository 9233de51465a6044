import type { Role } from '../access/entities/role.entity';
import { isoTime } from '../common/http/serialize';
import type { RoleDto } from './dto/role.dto';

export function toRoleDto(role: Role): RoleDto {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    created_at: isoTime(role.createdAt),
    updated_at: isoTime(role.updatedAt),
  };
}
