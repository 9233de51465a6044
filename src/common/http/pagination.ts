import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from '../errors/app-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `page`, `page_size` (above 100 served as 100, and `next`/`previous` say so) and `ordering`, shared by every list. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({
    minimum: 1,
    default: DEFAULT_PAGE_SIZE,
    description: `At most ${MAX_PAGE_SIZE}: a larger page size is served as ${MAX_PAGE_SIZE}, and next/previous carry the page size used.`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Transform(({ value }) => (Number.isInteger(value) && value > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : value))
  page_size: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'Comma-separated fields; prefix with - for descending.' })
  @IsOptional()
  @IsString()
  ordering?: string;
}

/** A list that can also be read by keyset cursor, for deep reads without counting pages. */
export class CursorListQuery extends ListQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    description:
      "Keyset pagination for deep reads: send `cursor=` to start, then follow `next`. Rows come in the list's id order; `page` and `ordering` do not apply.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

type Direction = 'ASC' | 'DESC';

/**
 * Turns `ordering=name,-created_at` into SQL order terms, allowing only the fields in
 * `allowed` (API name → SQL expression). Unknown fields are a 400, never silently ignored.
 */
export function parseOrdering(ordering: string | undefined, allowed: Record<string, string>, fallback: string): Array<[string, Direction]> {
  const terms: Array<[string, Direction]> = [];
  const requested = (ordering ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const term of requested.length > 0 ? requested : [fallback]) {
    const descending = term.startsWith('-');
    const field = descending ? term.slice(1) : term;
    const column = allowed[field];
    if (!column) {
      throw new ValidationFailed({
        ordering: [`Invalid ordering field "${field}". Allowed: ${Object.keys(allowed).join(', ')}.`],
      });
    }
    terms.push([column, descending ? 'DESC' : 'ASC']);
  }
  return terms;
}

/** Keyset pagination: the last id seen, opaque to clients (base64url JSON). */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify([lastId])).toString('base64url');
}

/** The id after which the page starts; '' starts at the beginning. Anything else is a 400. */
export function decodeCursor(cursor: string): number {
  if (cursor === '') return 0;
  try {
    const [id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(id) && (id as number) >= 0) return id as number;
  } catch {
    // fall through
  }
  throw ValidationFailed.field('cursor', 'Invalid cursor.');
}

/**
 * The absolute URL of this request as a client should follow it: on PUBLIC_URL when set
 * (never a Host header a client made up), with the page size actually used, since a
 * `page_size` above the maximum is served at the maximum.
 */
function linkTo(request: FastifyRequest, query: ListQuery): URL {
  const base = (request as { publicBase?: string }).publicBase || `${request.protocol}://${request.host}`;
  let url: URL;
  try {
    url = new URL(base + request.url);
  } catch {
    // A Host header that makes no URL: links relative to a neutral host rather than a 500.
    url = new URL(request.url, 'http://localhost');
  }
  if (url.searchParams.has('page_size')) url.searchParams.set('page_size', String(query.page_size));
  return url;
}

/** A cursor page: `next` carries the cursor after the last row; `previous` is not offered. */
export function toCursorPage<T>(
  request: FastifyRequest,
  query: ListQuery,
  count: number,
  results: T[],
  keyOf: (row: T) => number = (row) => (row as { id: number }).id,
): Page<T> {
  const url = linkTo(request, query);
  url.searchParams.delete('page');
  const last = results.at(-1);
  if (last) url.searchParams.set('cursor', encodeCursor(keyOf(last)));
  return { count, next: last && results.length === query.page_size ? url.toString() : null, previous: null, results };
}

function absoluteUrl(request: FastifyRequest, query: ListQuery, page: number): string {
  const url = linkTo(request, query);
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/** Wraps one page of results with absolute `next`/`previous` links, as DRF does. */
export function toPage<T>(request: FastifyRequest, query: ListQuery, count: number, results: T[]): Page<T> {
  const last = Math.max(1, Math.ceil(count / query.page_size));
  return {
    count,
    next: query.page < last ? absoluteUrl(request, query, query.page + 1) : null,
    previous: query.page > 1 ? absoluteUrl(request, query, Math.min(query.page - 1, last)) : null,
    results,
  };
}

/** An OpenAPI-visible page class for an item DTO, e.g. PageOf(WarehouseDto) → WarehousePage. */
export function PageOf<T>(item: new () => T): new () => Page<T> {
  class PageDto implements Page<T> {
    @ApiProperty({ example: 1 })
    count: number;

    @ApiProperty({ type: String, nullable: true, format: 'uri' })
    next: string | null;

    @ApiProperty({ type: String, nullable: true, format: 'uri' })
    previous: string | null;

    @ApiProperty({ type: [item] })
    results: T[];
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return PageDto;
}
