import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** The pg connection under a transaction's manager (COPY needs it directly). */
function connectionOf(manager: EntityManager): PoolClient {
  const connection = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!connection) throw new Error('COPY needs a transaction manager with a connection');
  return connection;
}

/** COPY ... FROM STDIN on the transaction's connection, fed from `source`. */
export async function copyIn(manager: EntityManager, sql: string, source: Readable): Promise<void> {
  await pipeline(source, connectionOf(manager).query(copyFromStdin(sql)));
}

/** COPY ... TO STDOUT on the transaction's connection, as a stream. */
export function copyOut(manager: EntityManager, sql: string): Readable {
  return connectionOf(manager).query(copyToStdout(sql));
}

/**
 * A text column as a CSV cell a spreadsheet shows as text: a cell starting with = + - @,
 * tab or carriage return would be read as a formula (CSV injection), so it gets a leading
 * apostrophe (OWASP's rule). The check reads the stored value as is, never a trimmed copy.
 */
export function spreadsheetSafe(column: string): string {
  return `case when left(${column}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${column} else ${column} end`;
}
