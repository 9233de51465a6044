import { Injectable } from '@nestjs/common';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { StockLevel } from '../entities/stock-level.entity';
import { StockMovement } from '../entities/stock-movement.entity';
import type { MovementListQueryDto } from './movement.dto';

/** The ledger's reads and the stock-row lookups of adjustments and transfers, each taking the tenant key first. */
@Injectable()
export class MovementsRepository {
  constructor(
    @InjectTenantRepository(StockMovement) private readonly movements: TenantRepository<StockMovement>,
    @InjectTenantRepository(StockLevel) private readonly levels: TenantRepository<StockLevel>,
  ) {}

  /** One page of ledger rows, filtered, by id in `direction`. */
  page(key: TenantKey, query: MovementListQueryDto, direction: 'ASC' | 'DESC'): Promise<[StockMovement[], number]> {
    const qb = this.movements.query(key, 'm');
    if (query.item_id !== undefined) qb.andWhere('m.stock_level_id = :item', { item: query.item_id });
    if (query.product_id !== undefined) qb.andWhere('m.product_id = :product', { product: query.product_id });
    if (query.warehouse_id !== undefined) qb.andWhere('m.warehouse_id = :warehouse', { warehouse: query.warehouse_id });
    if (query.location_id !== undefined) qb.andWhere('m.location_id = :location', { location: query.location_id });
    if (query.user_id !== undefined) qb.andWhere('m.user_id = :user', { user: query.user_id });
    if (query.type) qb.andWhere('m.type = :type', { type: query.type });
    if (query.reference) qb.andWhere('m.reference = :reference', { reference: query.reference });
    if (query.date_from) qb.andWhere('m.created_at >= :from::date', { from: query.date_from });
    if (query.date_to) qb.andWhere(`m.created_at < :to::date + interval '1 day'`, { to: query.date_to });
    return qb
      .orderBy('m.id', direction)
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
  }

  /** The newest ledger row of a stock row. */
  latestOf(key: TenantKey, levelId: number): Promise<StockMovement | null> {
    return this.movements.find(key, { where: { stockLevelId: levelId }, order: { id: 'DESC' }, take: 1 }).then((rows) => rows[0] ?? null);
  }

  level(key: TenantKey, id: number): Promise<StockLevel | null> {
    return this.levels.findOne(key, { id });
  }
}
