import type { DeepPartial, EntityManager, EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Provider } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { Sessions } from './sessions';
import type { TenantKey } from './tenant-key';

export interface TenantScoped extends ObjectLiteral {
  companyId: number;
}

/**
 * Repository for one tenant table. Every method takes the tenant key: reads are filtered
 * and writes stamped with its company, on the open tenant transaction. Row-level security
 * is the second layer under this one.
 */
export class TenantRepository<T extends TenantScoped> {
  constructor(
    private readonly entity: EntityTarget<T>,
    private readonly sessions: Sessions,
  ) {}

  /** A Nest provider of the repository for `entity`: list it in the module, inject it with @InjectTenantRepository(entity). */
  static for(entity: new () => TenantScoped): Provider {
    return { provide: tenantRepositoryToken(entity), useFactory: (sessions: Sessions) => new TenantRepository(entity, sessions), inject: [Sessions] };
  }

  private manager(key: TenantKey): EntityManager {
    return this.sessions.managerFor(key);
  }

  findOne(key: TenantKey, where: FindOptionsWhere<T>): Promise<T | null> {
    return this.manager(key).findOne(this.entity, { where: this.scope(key, where) });
  }

  find(key: TenantKey, options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.manager(key).find(this.entity, { ...options, where: this.scopeAll(key, options.where) });
  }

  findAndCount(key: TenantKey, options: FindManyOptions<T> = {}): Promise<[T[], number]> {
    return this.manager(key).findAndCount(this.entity, { ...options, where: this.scopeAll(key, options.where) });
  }

  count(key: TenantKey, where: FindOptionsWhere<T> = {}): Promise<number> {
    return this.manager(key).count(this.entity, { where: this.scope(key, where) });
  }

  exists(key: TenantKey, where: FindOptionsWhere<T>): Promise<boolean> {
    return this.manager(key).exists(this.entity, { where: this.scope(key, where) });
  }

  /** Inserts one row and returns it as stored (generated columns included). */
  async insert(key: TenantKey, values: DeepPartial<T>): Promise<T> {
    const manager = this.manager(key);
    const row = manager.create(this.entity, { ...values, companyId: key.companyId } as DeepPartial<T>);
    return manager.save(this.entity, row);
  }

  /** Inserts many rows, a thousand per statement; answers nothing (use insert for the stored row). */
  async insertMany(key: TenantKey, rows: QueryDeepPartialEntity<T>[]): Promise<void> {
    const manager = this.manager(key);
    for (let i = 0; i < rows.length; i += 1000) {
      await manager.insert(
        this.entity,
        rows.slice(i, i + 1000).map((row) => ({ ...row, companyId: key.companyId }) as QueryDeepPartialEntity<T>),
      );
    }
  }

  /**
   * INSERT ... ON CONFLICT DO NOTHING: the stored row, or null when a unique key already
   * holds one. Unlike catching a unique violation, this leaves the transaction usable.
   */
  async insertIfAbsent(key: TenantKey, values: QueryDeepPartialEntity<T>): Promise<T | null> {
    const manager = this.manager(key);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values({ ...values, companyId: key.companyId } as QueryDeepPartialEntity<T>)
      .orIgnore()
      .returning('*')
      .execute();
    const raw = result.raw as ObjectLiteral[];
    if (raw.length === 0) return null;
    const id = result.identifiers[0];
    return manager.findOneOrFail(this.entity, { where: this.scope(key, id as FindOptionsWhere<T>) });
  }

  /** Saves changes to a row loaded through this repository. */
  save(key: TenantKey, row: T): Promise<T> {
    if (row.companyId !== key.companyId) throw new Error('Row belongs to another company');
    return this.manager(key).save(this.entity, row);
  }

  /** Updates the company's rows matching `where`; answers how many. */
  async update(key: TenantKey, where: FindOptionsWhere<T>, values: QueryDeepPartialEntity<T>): Promise<number> {
    const result = await this.manager(key).update(this.entity, this.scope(key, where), values);
    return result.affected ?? 0;
  }

  /** One row, locked FOR UPDATE until the transaction ends. */
  findOneForUpdate(key: TenantKey, where: FindOptionsWhere<T>): Promise<T | null> {
    return this.manager(key).findOne(this.entity, { where: this.scope(key, where), lock: { mode: 'pessimistic_write' } });
  }

  async delete(key: TenantKey, where: FindOptionsWhere<T>): Promise<number> {
    const result = await this.manager(key).delete(this.entity, this.scope(key, where));
    return result.affected ?? 0;
  }

  /** A query builder already restricted to the company; add conditions with andWhere. */
  query(key: TenantKey, alias: string): SelectQueryBuilder<T> {
    return this.manager(key).createQueryBuilder(this.entity, alias).where(`${alias}.company_id = :tenantCompanyId`, { tenantCompanyId: key.companyId });
  }

  private scope(key: TenantKey, where: FindOptionsWhere<T>): FindOptionsWhere<T> {
    return { ...where, companyId: key.companyId } as FindOptionsWhere<T>;
  }

  private scopeAll(key: TenantKey, where: FindOptionsWhere<T> | FindOptionsWhere<T>[] | undefined): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    if (Array.isArray(where)) return where.map((w) => this.scope(key, w));
    return this.scope(key, where ?? {});
  }
}

function tenantRepositoryToken(entity: { name: string }): string {
  return `TenantRepository<${entity.name}>`;
}

/** Injects the TenantRepository that `TenantRepository.for(entity)` provides. */
export const InjectTenantRepository = (entity: { name: string }) => Inject(tenantRepositoryToken(entity));
