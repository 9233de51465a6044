import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { copyOut, spreadsheetSafe } from '../../database/copy';
import { Sessions } from '../../database/sessions';
import { sqlRows } from '../../database/sql';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { ImportJob } from '../entities/import-job.entity';
import { importLock } from './data/import-processor';

export type JobFields = Partial<Pick<ImportJob, 'status' | 'totalRows' | 'processedRows' | 'errorCount' | 'errors' | 'message' | 'finishedAt'>>;

/** Import jobs and the stock export, each taking the tenant key first. */
@Injectable()
export class ImportsRepository {
  constructor(
    private readonly sessions: Sessions,
    @InjectTenantRepository(ImportJob) private readonly jobs: TenantRepository<ImportJob>,
  ) {}

  insertJob(key: TenantKey, job: Pick<ImportJob, 'userId' | 'filename' | 'mode' | 'status'>): Promise<ImportJob> {
    return this.jobs.insert(key, job);
  }

  findJob(key: TenantKey, id: number): Promise<ImportJob | null> {
    return this.jobs.findOne(key, { id });
  }

  /** Records progress or an outcome in the open transaction; `onlyWhileProcessing` leaves a job that has finished alone. */
  async updateJob(key: TenantKey, id: number, fields: JobFields, onlyWhileProcessing = false): Promise<void> {
    await this.jobs.update(key, onlyWhileProcessing ? { id, status: 'processing' } : { id }, fields);
  }

  /** Whether no transaction holds the job's lock (importLock): nobody is working on it. */
  async lockIsFree(key: TenantKey, jobId: number): Promise<boolean> {
    const [{ free }] = await sqlRows<{ free: boolean }>(this.sessions.managerFor(key), 'select pg_try_advisory_xact_lock($1, $2) as free', importLock(jobId));
    return free;
  }

  /** The company's stock as CSV, in the import's columns, straight from COPY. */
  exportStream(key: TenantKey): Readable {
    // COPY takes no parameters; the company id is an integer from the credential. RLS applies too.
    const companyId = Math.trunc(key.companyId);
    return copyOut(
      this.sessions.managerFor(key),
      `copy (
         select ${spreadsheetSafe('p.sku')} as sku, ${spreadsheetSafe('w.code')} as warehouse_code, w.id as warehouse_id,
                ${spreadsheetSafe('l.code')} as location_code, s.on_hand as quantity, s.min_stock_level, s.max_stock_level,
                ${spreadsheetSafe('p.name')} as name, p.price, ${spreadsheetSafe('p.category')} as category
           from stock_levels s
           join products p on p.company_id = s.company_id and p.id = s.product_id
           join warehouses w on w.company_id = s.company_id and w.id = s.warehouse_id
           left join stock_locations l on l.company_id = s.company_id and l.id = s.location_id
          where s.company_id = ${companyId}
          order by s.id
       ) to stdout with (format csv, header true)`,
    );
  }
}
