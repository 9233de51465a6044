import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseOrdering } from '../common/http/pagination';
import type { ListQuery } from '../common/http/pagination';

/**
 * Runs a list query for one page: the client's `ordering` (only the fields in `ordering`,
 * `fallback` when none is asked for), then `idColumn` so pages never overlap, then the page's
 * offset and size. Answers the page's rows and the total count.
 */
export function fetchPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  ordering: Record<string, string>,
  fallback: string,
  idColumn: string,
): Promise<[T[], number]> {
  for (const [column, direction] of parseOrdering(query.ordering, ordering, fallback)) qb.addOrderBy(column, direction);
  return qb
    .addOrderBy(idColumn, 'ASC')
    .skip((query.page - 1) * query.page_size)
    .take(query.page_size)
    .getManyAndCount();
}
