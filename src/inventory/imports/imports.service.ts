import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AuthContext } from '../../auth/auth-context';
import { NotFound } from '../../common/errors/app-error';
import { copyOut, spreadsheetSafe } from '../../database/copy';
import { AccessService } from '../../access/access.service';
import { Sessions } from '../../database/sessions';
import { sqlRows } from '../../database/sql';
import { TenantRepository } from '../../database/tenant-repository';
import { ImportJob, ImportMode } from '../entities/import-job.entity';
import { storeUpload } from './csv-upload';
import { ImportJobDto } from './import.dto';
import { ImportOutcome, ImportProcessor, importLock, MalformedCsv } from './import-processor';
import { toImportJobDto } from './imports.mapper';

const INTERRUPTED = 'The import was interrupted (the server stopped) before it finished; nothing was imported. Upload the file again.';
/** How long a new job may wait for its worker to take its lock before it can count as interrupted. */
const STARTUP_GRACE_MS = 60_000;

@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly jobs: TenantRepository<ImportJob>;
  private readonly running = new Set<Promise<void>>();
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly sessions: Sessions,
    private readonly processor: ImportProcessor,
    private readonly access: AccessService,
  ) {
    this.jobs = new TenantRepository(ImportJob, sessions);
  }

  /**
   * Stores the upload (streamed to disk, checked to be CSV), records the job and answers at
   * once; the rows are loaded after the response, in a transaction of their own.
   */
  async start(auth: AuthContext, file: { stream: Readable; filename: string; maxBytes: number }, mode: ImportMode): Promise<ImportJobDto> {
    const writable = await this.access.warehousesWith(auth, 'inventory.write');
    const upload = await storeUpload(file.stream, file.maxBytes);
    const job = await this.jobs.insert(auth, { userId: auth.userId, filename: file.filename.slice(0, 255), mode, status: 'processing' });
    // The job row commits with this request; the work starts after it, outside its transaction.
    const work = this.sessions.detached(() =>
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.process(job, upload.path, upload.columns, writable))
        .finally(() => unlink(upload.path).catch(() => undefined)),
    );
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return toImportJobDto(job);
  }

  async get(auth: AuthContext, id: number): Promise<ImportJobDto> {
    const job = await this.jobs.findOne(auth, { id });
    if (!job) throw new NotFound('Import not found.');
    if (job.status === 'processing' && (await this.interrupted(auth, job))) {
      Object.assign(job, { status: 'failed', message: INTERRUPTED, finishedAt: new Date() });
      await this.jobs
        .manager(auth)
        .update(ImportJob, { companyId: auth.companyId, id, status: 'processing' }, { status: job.status, message: job.message, finishedAt: job.finishedAt });
    }
    return toImportJobDto(job);
  }

  /**
   * A job cut off by a crash or a restart: nobody holds its lock, and it is older than the
   * moment between the upload's commit and its worker taking the lock. Its transaction
   * rolled back with the process, so nothing of it was applied.
   */
  private async interrupted(auth: AuthContext, job: ImportJob): Promise<boolean> {
    if (Date.now() - job.createdAt.getTime() < STARTUP_GRACE_MS) return false;
    const [{ free }] = await sqlRows<{ free: boolean }>(this.jobs.manager(auth), 'select pg_try_advisory_xact_lock($1, $2) as free', importLock(job.id));
    return free;
  }

  /** The company's stock as CSV, in the import's columns, straight from COPY. */
  exportStream(auth: AuthContext): Readable {
    // COPY takes no parameters; the company id is an integer from the credential. RLS applies too.
    const companyId = Math.trunc(auth.companyId);
    return copyOut(
      this.jobs.manager(auth),
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

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async process(job: ImportJob, path: string, columns: Parameters<ImportProcessor['run']>[2], writable: number[] | null): Promise<void> {
    const save = (fields: Partial<ImportJob>) =>
      this.sessions.tenantSeparately(job.companyId, async (m) => {
        await m.update(ImportJob, { companyId: job.companyId, id: job.id }, fields);
      });
    try {
      const result = (outcome: ImportOutcome): Partial<ImportJob> => ({
        status: outcome.applied ? 'completed' : 'failed',
        totalRows: outcome.totalRows,
        processedRows: outcome.processedRows,
        errorCount: outcome.errorCount,
        errors: outcome.errors,
        message: outcome.applied ? '' : 'Rejected: the file has invalid rows and mode is all_or_nothing. Nothing was imported.',
        finishedAt: new Date(),
      });
      const outcome = await this.processor.run(job, path, columns, {
        writable,
        onTotal: (total) => save({ totalRows: total }),
        finish: async (m, applied) => {
          await m.update(ImportJob, { companyId: job.companyId, id: job.id }, result(applied));
        },
      });
      if (!outcome.applied) await save(result(outcome));
    } catch (err) {
      const known = err instanceof MalformedCsv;
      if (!known) this.logger.error({ err, job: job.id }, 'Import failed');
      await save({
        status: 'failed',
        message: known ? err.message : 'The import failed; nothing was imported.',
        errors: known && err.line ? [{ line: err.line, column: '', message: err.message }] : [],
        errorCount: known ? 1 : 0,
        finishedAt: new Date(),
      }).catch((saveErr: unknown) => this.logger.error({ err: saveErr, job: job.id }, 'Could not record the import failure'));
    }
  }
}
