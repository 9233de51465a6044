import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { TenantKey } from './tenant-key';
import { APP_ROLE, COMPANY_SETTING, IDENTITY_ROLE, RELAY_ROLE } from './db-roles';
import type { AheadStatement } from './read-ahead';
import { EXECUTED_AT, executeAndCommit, executeAndCommitText, preparedOn, preparedPoolRows, SqlLiteral, sqlLiterals } from './sql';
import type { CommitOptions } from './sql';

interface ActiveTransaction {
  /** Null for a request whose read was done ahead, with its token check: it has no connection. */
  manager: EntityManager | null;
  /** The company the transaction is scoped to; null for the identity door. */
  companyId: number | null;
  /** What runs once the transaction has committed. */
  committed: Array<() => void>;
  /** The rows read ahead, until the handler's commitWith takes them. */
  readAhead?: ReadAheadDone;
}

/** A tenant transaction opened ahead of the work of the request that owns it. */
interface OpenedAhead {
  kind: 'open';
  runner: QueryRunner;
  companyId: number;
}

/** A request's read, done and committed with its token check (ReadsAhead). */
interface ReadAheadDone {
  kind: 'read';
  companyId: number;
  sql: string;
  /** The parameters as literals, to recognise the handler's statement. */
  params: string;
  rows: unknown[];
}

const READ_AHEAD_ONLY = 'This request read ahead (ReadsAhead): its handler may run only the statement its route declares';

export class NoTenantTransactionError extends Error {
  constructor() {
    super('Tenant data was touched outside a tenant transaction');
  }
}

/**
 * The only way code reaches the database at run time. Each unit of work is one
 * transaction that first fixes who it runs as: a company (tenant) or the identity door.
 */
@Injectable()
export class Sessions {
  private readonly active = new AsyncLocalStorage<ActiveTransaction>();
  /** Transactions opened by `openWithCheck`, by the object (a request) they were opened for. */
  private readonly openedAhead = new WeakMap<object, OpenedAhead | ReadAheadDone>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction scoped to one company: `app.company_id` is set and the
   * queries run as the app role, so row-level security applies. Nested calls for the same
   * company join the open transaction.
   */
  tenant<T>(companyId: number, work: (manager: EntityManager) => Promise<T>, owner?: object): Promise<T> {
    if (!Number.isSafeInteger(companyId) || companyId <= 0) throw new Error(`Invalid company id ${companyId}`);
    const open = this.live();
    if (open && open.companyId === companyId) return work(this.connected(open));
    if (open) throw new Error('A transaction for another scope is already open');
    const ahead = owner && this.openedAhead.get(owner);
    if (ahead && ahead.kind === 'open' && ahead.companyId === companyId) {
      this.openedAhead.delete(owner);
      return this.run(companyId, APP_ROLE, work, ahead.runner);
    }
    return this.run(companyId, APP_ROLE, work);
  }

  /**
   * Runs a request's handler for `companyId`: on the read done ahead with its token check (see
   * openWithCheck), with no connection at all, or else as `tenant(companyId, work, owner)`.
   * A guard's own queries go through `tenant`, which leaves the read for the handler.
   */
  async handle<T>(companyId: number, work: () => Promise<T>, owner: object): Promise<T> {
    const ahead = this.openedAhead.get(owner);
    if (ahead?.kind !== 'read' || ahead.companyId !== companyId || this.active.getStore()) return this.tenant(companyId, work, owner);
    this.openedAhead.delete(owner);
    const transaction: ActiveTransaction = { manager: null, companyId, committed: [], readAhead: ahead };
    const result = await this.active.run(transaction, work);
    this.runCommitted(transaction);
    return result;
  }

  /**
   * Opens `owner`'s tenant transaction for `companyId` and, in the same round trip, calls one
   * of the identity door's functions (the caller's check): one simple-protocol message
   * (start, the check while still the connection's own role, then the company and role
   * setting), where the transaction start and the check were two round trips on every
   * request. The arguments are written as literals (sqlLiteral). Answers the check's rows; with
   * none, the transaction is rolled back at once. Otherwise it stays open for the owner's first
   * `tenant(companyId, work, owner)`; `closeOpenedAhead(owner)` rolls back one never used.
   *
   * With `ahead` (a route that ReadsAhead), the same message also runs the handler's one read
   * and commits: the read shares the check's snapshot, its rows are kept for the handler
   * (`handle`, then its commitWith) and dropped unanswered if the check finds nobody or a later
   * guard refuses the request. If the read fails, the check runs on its own as above and the
   * handler meets the error when it runs the read itself.
   */
  async openWithCheck<T>(owner: object, companyId: number, fn: string, args: SqlLiteral[], ahead?: AheadStatement): Promise<T[]> {
    if (!/^identity_[a-z_]+$/.test(fn)) throw new Error('Only identity_* functions go through this door');
    if (!Number.isSafeInteger(companyId) || companyId <= 0) throw new Error(`Invalid company id ${companyId}`);
    if (this.openedAhead.has(owner)) throw new Error('A transaction is already open for this request');
    const runner = this.dataSource.createQueryRunner();
    let kept = false;
    try {
      const client = (await runner.connect()) as PoolClient;
      const check = `start transaction; select * from ${fn}(${sqlLiterals(args)}); ${scopeSetting(companyId, APP_ROLE)}`;
      if (ahead) {
        const checked = await this.checkAndRead<T>(owner, companyId, runner, client, check, ahead);
        if (checked) return checked;
      }
      markTransaction(runner, true);
      const results = (await client.query(check)) as unknown as Array<{ rows: T[] }>;
      const rows = results[1].rows;
      if (rows.length > 0) {
        this.openedAhead.set(owner, { kind: 'open', runner, companyId });
        kept = true;
      }
      return rows;
    } finally {
      if (!kept) await this.end(runner);
    }
  }

  /**
   * The check's message with the read and COMMIT after it (openWithCheck): the check's rows, the
   * read's kept for `owner` when the check found someone. Null when the message failed; its
   * transaction is then rolled back, for the check to run on its own.
   */
  private async checkAndRead<T>(
    owner: object,
    companyId: number,
    runner: QueryRunner,
    client: PoolClient,
    check: string,
    ahead: AheadStatement,
  ): Promise<T[] | null> {
    // A constant text, so always prepared (only varying ones can be refused).
    const name = (await preparedOn(client, ahead.sql))!;
    markTransaction(runner, true);
    const results = (await client.query(`${check}; ${executeAndCommitText(name, ahead.params)}`).catch(() => null)) as Array<{ rows: unknown[] }> | null;
    if (!results) {
      await runner.rollbackTransaction();
      return null;
    }
    markTransaction(runner, false);
    // The check's three statements (start, check, setting), then the read's message.
    const checked = results[1].rows as T[];
    if (checked.length > 0) {
      this.openedAhead.set(owner, { kind: 'read', companyId, sql: ahead.sql, params: sqlLiterals(ahead.params), rows: results[3 + EXECUTED_AT].rows });
    }
    return checked;
  }

  /**
   * Rolls back and releases a transaction `openWithCheck` opened for `owner` that nothing used.
   * Never rejects (it runs from a response's close event): a connection that fails here is the
   * pool's to discard.
   */
  async closeOpenedAhead(owner: object): Promise<void> {
    const ahead = this.openedAhead.get(owner);
    if (!ahead) return;
    this.openedAhead.delete(owner);
    if (ahead.kind === 'open') await this.end(ahead.runner).catch(() => undefined);
  }

  /**
   * Runs `work` outside the current transaction's context: for work that outlives the
   * request (background jobs), which must open transactions of its own.
   */
  detached<T>(work: () => T): T {
    return this.active.exit(work);
  }

  /**
   * A tenant transaction of its own, even inside another one: for what must commit on its
   * own (an import's progress, visible while the import's transaction is still open).
   */
  tenantSeparately<T>(companyId: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.detached(() => this.tenant(companyId, work));
  }

  /** Runs `work` through the identity door: users, companies and tokens of every company. */
  identity<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.live()) throw new Error('The identity door cannot be opened inside another transaction');
    return this.run(null, IDENTITY_ROLE, work);
  }

  /**
   * Runs `callback` once the open transaction has committed, never if it rolls back, outside
   * that transaction's context (outside a transaction, at once: what was written is already
   * committed).
   */
  afterCommit(callback: () => void): void {
    const open = this.live();
    if (open) open.committed.push(callback);
    else callback();
  }

  /** Runs `work` as the webhook relay: the outbox and the webhook tables of every company, nothing else. */
  relay<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.live()) throw new Error('The relay cannot run inside another transaction');
    return this.run(null, RELAY_ROLE, work);
  }

  /** The manager of the open tenant transaction, which must be scoped to `key`'s company. */
  managerFor(key: TenantKey): EntityManager {
    const open = this.live();
    if (!open || open.companyId === null) throw new NoTenantTransactionError();
    if (open.companyId !== key.companyId) {
      throw new Error(`Tenant transaction is for company ${open.companyId}, not ${key.companyId}`);
    }
    return this.connected(open);
  }

  /**
   * Ends the open tenant transaction with one last statement, sent together with its COMMIT
   * (executeAndCommit): for a statement that locks a row many requests queue for. Nothing
   * more can run in the transaction afterwards. If the statement fails, the transaction
   * rolls back and the error is the caller's to map.
   */
  async commitWith<T>(key: TenantKey, sql: string, params: SqlLiteral[], options: CommitOptions = {}): Promise<T[]> {
    const open = this.live();
    if (open && open.manager === null) {
      const ahead = open.readAhead;
      if (open.companyId !== key.companyId || ahead?.sql !== sql || ahead.params !== sqlLiterals(params)) throw new Error(READ_AHEAD_ONLY);
      open.readAhead = undefined;
      return ahead.rows as T[];
    }
    const runner = this.managerFor(key).queryRunner!;
    const rows = await executeAndCommit<T>((await runner.connect()) as PoolClient, sql, params, options);
    markTransaction(runner, false);
    this.runCommitted(this.active.getStore());
    return rows;
  }

  /**
   * Calls one of the identity door's SECURITY DEFINER functions (migrations): a single
   * statement that runs with the identity role's rights, so no transaction is needed.
   */
  identityFunction<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (!/^select \* from identity_[a-z_]+\(/.test(sql)) throw new Error('Only identity_* functions go through this door');
    return preparedPoolRows<T>(this.dataSource, sql, params);
  }

  /** After-commit callbacks run outside the finished transaction's context, so they may open transactions of their own. */
  private runCommitted(transaction: ActiveTransaction | undefined): void {
    for (const callback of transaction?.committed.splice(0) ?? []) this.active.exit(callback);
  }

  /** The manager of an open transaction; a request that read ahead has none to give. */
  private connected(open: ActiveTransaction): EntityManager {
    if (open.manager === null) throw new Error(READ_AHEAD_ONLY);
    return open.manager;
  }

  /** The open transaction of this context; one that has finished is a bug (work escaped its request). */
  private live(): ActiveTransaction | undefined {
    const open = this.active.getStore();
    const runner = open?.manager?.queryRunner;
    if (runner && (runner.isReleased || !runner.isTransactionActive)) throw new Error('The transaction of this context has already finished');
    return open;
  }

  private async run<T>(companyId: number | null, role: string, work: (manager: EntityManager) => Promise<T>, opened?: QueryRunner): Promise<T> {
    const runner = opened ?? this.dataSource.createQueryRunner();
    try {
      if (!opened) {
        // Opening the transaction and fixing its scope in one round trip, as one simple-protocol
        // query (which takes no parameters: both values are ours, a checked integer and a role
        // constant). TypeORM's startTransaction would cost a round trip of its own, on every request.
        markTransaction(runner, true);
        await runner.query(`start transaction; ${scopeSetting(companyId, role)}`);
      }
      const transaction: ActiveTransaction = { manager: runner.manager, companyId, committed: [] };
      const result = await this.active.run(transaction, () => work(runner.manager));
      if (runner.isTransactionActive) {
        await runner.commitTransaction();
        this.runCommitted(transaction);
      }
      return result;
    } finally {
      // Committed: only released. Failed: rolled back first.
      await this.end(runner);
    }
  }

  /** Rolls back what is open on `runner` and releases it. */
  private async end(runner: QueryRunner): Promise<void> {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    } finally {
      await runner.release();
    }
  }
}

/** The statement that fixes a transaction's scope: the company row-level security sees, and the role. */
function scopeSetting(companyId: number | null, role: string): string {
  return `select set_config('${COMPANY_SETTING}', '${companyId ?? ''}', true), set_config('role', '${role}', true)`;
}

/**
 * What TypeORM's startTransaction and commitTransaction record, for a transaction opened or
 * committed by our own statement (the one place that knows those fields).
 */
function markTransaction(runner: QueryRunner, open: boolean): void {
  Object.assign(runner, { isTransactionActive: open, transactionDepth: open ? 1 : 0 });
}
