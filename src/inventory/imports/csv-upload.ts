import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, TransformCallback } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLarge, ValidationFailed } from '../../common/errors/app-error';

/** Columns an import file may have (contract: the export writes exactly these). */
export const IMPORT_COLUMNS = [
  'sku',
  'warehouse_code',
  'warehouse_id',
  'location_code',
  'quantity',
  'min_stock_level',
  'max_stock_level',
  'name',
  'price',
  'category',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const HEADER_LIMIT = 64 * 1024;

class NotCsv extends ValidationFailed {
  constructor(reason: string) {
    super({ file: [reason] }, reason);
  }
}

/** Splits one CSV line (the header) into trimmed, unquoted, lower-case names. */
export function parseHeader(line: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return names.map((n) =>
    n
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
}

/** Checks the header row: known columns only, each once, with the required ones present. */
export function checkColumns(names: string[]): ImportColumn[] {
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new NotCsv(`Unknown column(s): ${unknown.join(', ')}. Allowed: ${IMPORT_COLUMNS.join(', ')}.`);
  if (new Set(names).size !== names.length) throw new NotCsv('A column appears twice in the header.');
  if (!names.includes('sku') || !names.includes('quantity')) throw new NotCsv('The header needs sku and quantity.');
  if (!names.includes('warehouse_code') && !names.includes('warehouse_id')) throw new NotCsv('The header needs warehouse_code or warehouse_id.');
  return names as ImportColumn[];
}

/**
 * Passes the file through unchanged while reading its header row and refusing anything
 * that is not text (a NUL byte anywhere, or no line break in the first 64 KiB).
 */
class CsvGate extends Transform {
  columns: ImportColumn[] | undefined;
  private head = '';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.includes(0)) return done(new NotCsv('The file is not CSV text.'));
    if (!this.columns) {
      this.head += chunk.toString('utf8');
      const end = this.head.indexOf('\n');
      if (end >= 0) {
        try {
          this.columns = checkColumns(parseHeader(this.head.slice(0, end).replace(/\r$/, '')));
        } catch (err) {
          return done(err as Error);
        }
        this.head = '';
      } else if (this.head.length > HEADER_LIMIT) {
        return done(new NotCsv('The file is not CSV: no header row.'));
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (!this.columns) {
      if (this.head.trim() === '') return done(new NotCsv('The file is empty.'));
      try {
        this.columns = checkColumns(parseHeader(this.head.replace(/\r?\n?$/, '')));
      } catch (err) {
        return done(err as Error);
      }
    }
    done();
  }
}

export interface StoredUpload {
  path: string;
  columns: ImportColumn[];
}

/** Where an upload waits to be imported. */
export async function newUploadPath(): Promise<string> {
  const dir = join(tmpdir(), 'stockroom-imports');
  await mkdir(dir, { recursive: true });
  return join(dir, `${randomUUID()}.csv`);
}

/** A multipart file stream: busboy emits `limit` and sets `truncated` when the size limit cut it. */
type UploadStream = Readable & { truncated?: boolean };

/**
 * Streams an upload to a file (never all in memory), checking it is CSV on the way. A file
 * cut at the size limit is refused whole: its last row would otherwise be imported cut short.
 */
export async function storeUpload(source: UploadStream, maxBytes: number, path?: string): Promise<StoredUpload> {
  path ??= await newUploadPath();
  const gate = new CsvGate();
  const tooLarge = () => new PayloadTooLarge(`The file is larger than the import limit of ${maxBytes} bytes; nothing was imported.`);
  source.once('limit', () => source.destroy(tooLarge()));
  try {
    await pipeline(source, gate, createWriteStream(path, { mode: 0o600 }));
    if (source.truncated) throw tooLarge();
  } catch (err) {
    await unlink(path).catch(() => undefined);
    throw err;
  }
  return { path, columns: gate.columns! };
}
