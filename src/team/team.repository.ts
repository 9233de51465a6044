import { Injectable } from '@nestjs/common';
import { User } from '../accounts/entities/user.entity';
import { containsPattern } from '../common/http/search';
import { fetchPage } from '../database/paged-query';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type { TeamListQueryDto } from './dto/team-input.dto';

const ORDERING: Record<string, string> = {
  id: 'u.id',
  username: 'u.username',
  email: 'u.email',
  first_name: 'u.first_name',
  last_name: 'u.last_name',
  date_joined: 'u.date_joined',
  last_login: 'u.last_login',
};

/** A role filter already checked by the service: a custom role id, or a legacy role name. */
export type MemberRoleFilter = { roleId: number } | { legacy: string };

/** Team members' queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class TeamRepository {
  constructor(@InjectTenantRepository(User) private readonly users: TenantRepository<User>) {}

  /** One page of members: search over email, username and names; a role held company-wide or in a warehouse. */
  page(key: TenantKey, query: TeamListQueryDto, role: MemberRoleFilter | null): Promise<[User[], number]> {
    const qb = this.users.query(key, 'u');
    if (query.search) {
      qb.andWhere(
        `(u.email ilike :p or u.username ilike :p or u.first_name ilike :p or u.last_name ilike :p
          or (u.first_name || ' ' || u.last_name) ilike :p)`,
        { p: containsPattern(query.search) },
      );
    }
    const assigned = 'exists (select 1 from warehouse_assignments a where a.company_id = u.company_id and a.user_id = u.id';
    if (role && 'roleId' in role) qb.andWhere(`${assigned} and a.role_id = :roleId)`, { roleId: role.roleId });
    if (role && 'legacy' in role) qb.andWhere(`(u.role = :legacy or ${assigned} and a.legacy_role = :legacy))`, { legacy: role.legacy });
    return fetchPage(qb, query, ORDERING, 'id', 'u.id');
  }

  /** The company's active admins, locked, so two admins cannot demote each other at once. */
  lockActiveAdmins(key: TenantKey): Promise<User[]> {
    return this.users.query(key, 'u').andWhere(`u.role = 'admin' and u.is_active`).orderBy('u.id').setLock('pessimistic_write').getMany();
  }
}
