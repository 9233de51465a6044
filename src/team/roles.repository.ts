import { Injectable } from '@nestjs/common';
import { Role } from '../access/entities/role.entity';
import type { ListQuery } from '../common/http/pagination';
import { fetchPage } from '../database/paged-query';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';

const ORDERING: Record<string, string> = { id: 'r.id', name: 'r.name', created_at: 'r.created_at' };

/** Custom roles' queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class RolesRepository {
  constructor(@InjectTenantRepository(Role) private readonly roles: TenantRepository<Role>) {}

  /** One page of the company's roles, by name unless another ordering is asked for. */
  page(key: TenantKey, query: ListQuery): Promise<[Role[], number]> {
    const qb = this.roles.query(key, 'r');
    return fetchPage(qb, query, ORDERING, 'name', 'r.id');
  }

  /** Whether a role of the company already has this name, in any letter case. */
  nameTaken(key: TenantKey, name: string): Promise<boolean> {
    return this.roles.query(key, 'r').andWhere('lower(r.name) = lower(:name)', { name }).getExists();
  }
}
