import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import type { TenantKey } from '../database/tenant-key';
import { Company } from './entities/company.entity';

/**
 * The tenant's own row. It has no company_id: it is the company, looked up by its own id
 * (row-level security lets the tenant transaction see only this row).
 */
@Injectable()
export class CompanyRepository {
  constructor(private readonly sessions: Sessions) {}

  get(key: TenantKey): Promise<Company> {
    return this.sessions.managerFor(key).findOneByOrFail(Company, { id: key.companyId });
  }

  async save(key: TenantKey, company: Company): Promise<void> {
    if (company.id !== key.companyId) throw new Error('Company row of another tenant');
    await this.sessions.managerFor(key).save(Company, company);
  }
}
