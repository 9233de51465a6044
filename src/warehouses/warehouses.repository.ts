import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { Company } from '../accounts/entities/company.entity';
import { containsPattern } from '../common/http/search';
import { Sessions } from '../database/sessions';
import { fetchPage } from '../database/paged-query';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type { WarehouseListQueryDto } from './dto/warehouse-list.query.dto';
import { Warehouse } from './entities/warehouse.entity';

const ORDERING: Record<string, string> = {
  id: 'w.id',
  code: 'w.code',
  name: 'w.name',
  type: 'w.type',
  created_at: 'w.created_at',
  updated_at: 'w.updated_at',
};

/** The warehouses domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class WarehousesRepository {
  constructor(
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    private readonly sessions: Sessions,
  ) {}

  /** One page of warehouses: search over code and name, state, type; ordering, then id. */
  page(key: TenantKey, query: WarehouseListQueryDto): Promise<[Warehouse[], number]> {
    const qb = this.warehouses.query(key, 'w');
    if (query.search) {
      const pattern = containsPattern(query.search);
      qb.andWhere(new Brackets((b) => b.where('w.code ilike :pattern', { pattern }).orWhere('w.name ilike :pattern', { pattern })));
    }
    if (query.is_active !== undefined) qb.andWhere('w.is_active = :active', { active: query.is_active });
    if (query.type) qb.andWhere('w.type = :type', { type: query.type });
    return fetchPage(qb, query, ORDERING, 'id', 'w.id');
  }

  /** The caller's own company row (its name answers check-code). */
  company(key: TenantKey): Promise<Company> {
    return this.sessions.managerFor(key).findOneByOrFail(Company, { id: key.companyId });
  }
}
