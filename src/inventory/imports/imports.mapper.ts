import { isoTime } from '../../common/http/serialize';
import type { ImportJob } from '../entities/import-job.entity';
import type { ImportJobDto } from './import.dto';

export function toImportJobDto(j: ImportJob): ImportJobDto {
  return {
    id: j.id,
    status: j.status,
    mode: j.mode,
    filename: j.filename,
    total_rows: j.totalRows,
    processed_rows: j.processedRows,
    error_count: j.errorCount,
    errors: j.errors,
    message: j.message,
    created_at: isoTime(j.createdAt),
    finished_at: isoTime(j.finishedAt),
  };
}
