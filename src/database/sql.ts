import { EntityManager } from 'typeorm';

/**
 * Runs one statement on the transaction's connection and returns its rows, whatever the
 * statement (TypeORM otherwise wraps UPDATE/DELETE results as [rows, count]).
 */
export async function sqlRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('sqlRows needs a transaction manager');
  const result = await manager.queryRunner.query(sql, params, true);
  return (result.records ?? []) as T[];
}
