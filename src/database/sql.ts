import { createHash } from 'node:crypto';
import { escapeLiteral } from 'pg';
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

/**
 * Runs one statement on the transaction's connection and returns its rows, whatever the
 * statement (TypeORM otherwise wraps UPDATE/DELETE results as [rows, count]).
 */
export async function sqlRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('sqlRows needs a transaction manager');
  const result = await manager.queryRunner.query(sql, params, true);
  return (result.records ?? []) as T[];
}

const names = new Map<string, string>();

const hashName = (sql: string) => `sr_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

/** A prepared statement's name: the same text always gets the same name. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = hashName(sql);
    names.set(sql, name);
  }
  return name;
}

async function runPrepared<T>(client: Pick<PoolClient | Pool, 'query'>, sql: string, params: unknown[]): Promise<T[]> {
  try {
    const result: QueryResult = await client.query({ name: statementName(sql), text: sql, values: params });
    return result.rows as T[];
  } catch (err) {
    // The same error TypeORM raises, so error mapping treats both paths alike.
    throw new QueryFailedError(sql, params, err as Error);
  }
}

/**
 * Like sqlRows, as a prepared statement: each connection parses and plans it once instead of
 * on every call, which is most of PostgreSQL's work for a short statement. For the hot paths'
 * constant texts only: every distinct text stays prepared on every connection that ran it.
 */
export async function preparedRows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('preparedRows needs a transaction manager');
  const client = (await manager.queryRunner.connect()) as PoolClient;
  return runPrepared<T>(client, sql, params);
}

/** A prepared statement outside any transaction, on whichever pooled connection is free. */
export function preparedPoolRows<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return runPrepared<T>(pool, sql, params);
}

export type SqlLiteral = number | string | null | number[];

/** A value written into SQL text: integers and integer arrays as such, text quoted by pg's own escaping. */
export function sqlLiteral(value: SqlLiteral): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return escapeLiteral(value);
  const numbers = Array.isArray(value) ? value : [value];
  if (!numbers.every((n) => Number.isSafeInteger(n))) throw new Error('Only integers are written into SQL text');
  return Array.isArray(value) ? `'{${value.join(',')}}'` : String(value);
}

/** Values written into SQL text as a comma-separated list (sqlLiteral each). */
export const sqlLiterals = (values: SqlLiteral[]): string => values.map(sqlLiteral).join(', ');

/** SQL-level prepared statements of each connection (PREPARE outlives a rolled-back transaction). */
const preparedOnConnection = new WeakMap<object, Set<string>>();

/**
 * How many statements of varying text (`prepare: 'bounded'`) a connection keeps prepared: a
 * list's text changes with its filters and ordering, but a few texts make most requests, and a
 * prepared one skips planning (half a millisecond for the inventory list's joins). Texts seen once
 * the connection holds this many run unprepared; nothing is ever evicted.
 */
export const VARYING_PREPARED_PER_CONNECTION = 32;
const varyingOnConnection = new WeakMap<object, number>();

export interface CommitOptions {
  /** The text varies (filters, ordering): prepared up to VARYING_PREPARED_PER_CONNECTION per connection. */
  prepare?: 'bounded';
  /**
   * For a statement that locks a row many requests queue for (a hot SKU's stock row). A row lock
   * is normally held until the commit record is on disk, so the queue moves one disk flush at a
   * time. Here the transaction commits with synchronous_commit off, which releases its locks as
   * soon as the commit record is written, and the same message then runs a transaction that
   * writes to the log (it sets the commit_flush sequence) and commits synchronously: that flushes
   * the log past this commit, and the queued requests' flushes share disk writes. The answer still
   * comes only once the commit is on disk, and a crash loses at most a tail of the log, which holds
   * no answered commit. The price: until that flush (a millisecond), other transactions can read
   * the change before it is durable.
   */
  releaseLocksBeforeFlush?: boolean;
}

/** What the message sends around the statement and its COMMIT, and how many results come before the statement's. */
const commitParts = (options: CommitOptions) =>
  options.releaseLocksBeforeFlush
    ? { before: 'set local synchronous_commit = off; ', after: "; select setval('commit_flush', 1)", leading: 1 }
    : { before: '', after: '', leading: 0 };

/**
 * Runs the open transaction's last statement and COMMIT as one simple-protocol message, so
 * one round trip: a row the statement locks is held for PostgreSQL's own work, not for a trip
 * back through this process and its event loop. The statement is prepared once per
 * connection and executed with its parameters written as literals (sqlLiteral). If it fails,
 * the rest of the message is skipped and the transaction stays open, aborted, for the caller
 * to roll back. Answers the statement's rows.
 */
export async function executeAndCommit<T>(client: PoolClient, sql: string, params: SqlLiteral[], options: CommitOptions = {}): Promise<T[]> {
  try {
    const name = await preparedOn(client, sql, options.prepare === 'bounded');
    if (name === null) return await inlinedAndCommitted<T>(client, sql, params, options);
    const { leading } = commitParts(options);
    const results = (await client.query(executeAndCommitText(name, params, options))) as unknown as QueryResult[];
    return results[EXECUTED_AT + leading].rows as T[];
  } catch (err) {
    if (err instanceof QueryFailedError) throw err;
    throw new QueryFailedError(sql, params, err as Error);
  }
}

/**
 * `sql` prepared on `client`, once per connection (on its own message, so a failure there is
 * unambiguous): the name to execute it by, or null for a varying text the connection has no
 * room left for.
 */
export async function preparedOn(client: PoolClient, sql: string, varying = false): Promise<string | null> {
  let prepared = preparedOnConnection.get(client);
  if (!prepared) preparedOnConnection.set(client, (prepared = new Set()));
  // A varying text's name is not remembered process-wide (statementName keeps every text it names).
  const name = `${varying ? hashName(sql) : statementName(sql)}_x`;
  if (prepared.has(name)) return name;
  const heldVarying = varyingOnConnection.get(client) ?? 0;
  if (varying && heldVarying >= VARYING_PREPARED_PER_CONNECTION) return null;
  await client.query(`prepare ${name} as ${sql}`);
  prepared.add(name);
  if (varying) varyingOnConnection.set(client, heldVarying + 1);
  return name;
}

/** Where the statement's result falls among executeAndCommitText's results (before commitParts' leading ones). */
export const EXECUTED_AT = 1;

/**
 * The message that executes a prepared statement and commits. The generic plan: parameters
 * written as literals would otherwise have it planned anew on every call (PostgreSQL prefers
 * custom plans for arrays of unknown length).
 */
export function executeAndCommitText(name: string, params: SqlLiteral[], options: CommitOptions = {}): string {
  const { before, after } = commitParts(options);
  return `set local plan_cache_mode = force_generic_plan; ${before}execute ${name}(${sqlLiterals(params)}); commit${after}`;
}

/**
 * The same, unprepared, for a varying text beyond its connection's bound: parameters are written
 * as literals (sqlLiteral) and PostgreSQL plans it with them.
 */
async function inlinedAndCommitted<T>(client: PoolClient, sql: string, params: SqlLiteral[], options: CommitOptions): Promise<T[]> {
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(params[Number(n) - 1]));
  const { before, after, leading } = commitParts(options);
  try {
    const results = (await client.query(`${before}${text}; commit${after}`)) as unknown as QueryResult[];
    return results[leading].rows as T[];
  } catch (err) {
    throw new QueryFailedError(sql, params, err as Error);
  }
}
