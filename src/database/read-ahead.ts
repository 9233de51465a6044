import { SetMetadata } from '@nestjs/common';
import { pathId } from '../common/http/id.pipe';
import type { SqlLiteral } from './sql';
import type { Statement } from './statement';

/** A read sent with the caller's token check (Sessions.openWithCheck): a prepared statement and its values. */
export interface AheadStatement {
  sql: string;
  params: SqlLiteral[];
}

/**
 * The one statement a read route's handler runs, known before the handler: its text and how its
 * values follow from the caller's company and the path. `values` answers null when the path names
 * nothing (the route's own pipes then answer as usual).
 */
export interface ReadAhead {
  sql: string;
  values(companyId: number, path: Readonly<Record<string, string | undefined>>): SqlLiteral[] | null;
}

export const READ_AHEAD = 'stockroom:read-ahead';

/**
 * Declares that the route's handler reads exactly `ahead` (through Sessions.commitWith) and
 * nothing else, so the read can travel with the token check: one round trip to PostgreSQL per
 * request instead of two. Any other database access from such a handler is refused as a bug.
 */
export const ReadsAhead = (ahead: ReadAhead): MethodDecorator => SetMetadata(READ_AHEAD, ahead);

/** The statement a request reads ahead, if its route declared one and its path names something. */
export function aheadStatement(ahead: ReadAhead | undefined, companyId: number, path: unknown): AheadStatement | undefined {
  if (!ahead) return undefined;
  const params = ahead.values(companyId, (path ?? {}) as Record<string, string | undefined>);
  return params ? { sql: ahead.sql, params } : undefined;
}

/** The read of one object by its path id (`:id`, as IdPipe reads it) in the caller's company. */
export function readAheadById(statement: Statement<'company' | 'id'>): ReadAhead {
  return {
    sql: statement.text,
    values(company, path) {
      const id = pathId(path.id);
      return id === null ? null : (statement.values({ company, id }) as SqlLiteral[]);
    },
  };
}

/** A read of the caller's company as a whole (no path parameters). */
export function readAheadOfCompany(statement: Statement<'company'>): ReadAhead {
  return { sql: statement.text, values: (company) => statement.values({ company }) as SqlLiteral[] };
}
