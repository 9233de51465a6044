import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AuthContext } from '../../auth/auth-context';
import { NotFound } from '../../common/errors/app-error';
import { AccessService } from '../../access/access.service';
import { Sessions } from '../../database/sessions';
import { EventWriter } from '../../events/event-writer';
import { ImportJob, ImportMode } from '../entities/import-job.entity';
import { storeUpload } from './csv-upload';
import { ImportJobDto } from './import.dto';
import { ImportFailure, ImportOutcome, ImportProcessor, MalformedCsv } from './data/import-processor';
import { toImportJobDto } from './imports.mapper';
import { ImportsRepository, JobFields } from './imports.repository';

const INTERRUPTED = 'The import was interrupted (the server stopped) before it finished; nothing was imported. Upload the file again.';
/** How long a new job may wait for its worker to take its lock before it can count as interrupted. */
const STARTUP_GRACE_MS = 60_000;

@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly sessions: Sessions,
    private readonly processor: ImportProcessor,
    private readonly access: AccessService,
    private readonly jobs: ImportsRepository,
    private readonly events: EventWriter,
  ) {}

  /**
   * Stores the upload (streamed to disk, checked to be CSV), records the job and answers at
   * once; the rows are loaded after the response, in a transaction of their own.
   */
  async start(auth: AuthContext, file: { stream: Readable; filename: string; maxBytes: number }, mode: ImportMode): Promise<ImportJobDto> {
    const writable = await this.access.warehousesWith(auth, 'inventory.write');
    const upload = await storeUpload(file.stream, file.maxBytes);
    const job = await this.jobs.insertJob(auth, { userId: auth.userId, filename: file.filename.slice(0, 255), mode, status: 'processing' });
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
    const job = await this.jobs.findJob(auth, id);
    if (!job) throw new NotFound('Import not found.');
    if (job.status === 'processing' && (await this.interrupted(auth, job))) {
      Object.assign(job, { status: 'failed', message: INTERRUPTED, finishedAt: new Date() });
      await this.jobs.updateJob(auth, id, { status: job.status, message: job.message, finishedAt: job.finishedAt }, true);
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
    return this.jobs.lockIsFree(auth, job.id);
  }

  /** The company's stock as CSV, in the import's columns. */
  exportStream(auth: AuthContext): Readable {
    return this.jobs.exportStream(auth);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async process(job: ImportJob, path: string, columns: Parameters<ImportProcessor['run']>[2], writable: number[] | null): Promise<void> {
    const key = { companyId: job.companyId };
    // The outcome and its event, in the import's transaction (applied) or one of their own.
    const record = async (fields: JobFields) => {
      await this.jobs.updateJob(key, job.id, fields);
      if (fields.status && fields.status !== 'processing') {
        await this.events.emit(key, 'inventory.import.completed', {
          import_id: job.id,
          status: fields.status,
          total_rows: fields.totalRows ?? job.totalRows,
          processed_rows: fields.processedRows ?? 0,
          error_count: fields.errorCount ?? 0,
        });
      }
    };
    const save = (fields: JobFields) => this.sessions.tenantSeparately(job.companyId, () => record(fields));
    try {
      const result = (outcome: ImportOutcome): JobFields => ({
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
        finish: (applied) => record(result(applied)),
      });
      if (!outcome.applied) await save(result(outcome));
    } catch (err) {
      const known = err instanceof ImportFailure;
      const malformed = err instanceof MalformedCsv;
      if (!known) this.logger.error({ err, job: job.id }, 'Import failed');
      await save({
        status: 'failed',
        message: known ? err.message : 'The import failed; nothing was imported.',
        errors: malformed && err.line ? [{ line: err.line, column: '', message: err.message }] : [],
        errorCount: malformed ? 1 : 0,
        finishedAt: new Date(),
      }).catch((saveErr: unknown) => this.logger.error({ err: saveErr, job: job.id }, 'Could not record the import failure'));
    }
  }
}
