import { Injectable } from '@nestjs/common';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { StockLevel } from '../entities/stock-level.entity';
import type { StocksQueryDto } from './stocks.dto';

/** Document 000's stock list, each query taking the tenant key first. */
@Injectable()
export class StocksRepository {
  constructor(@InjectTenantRepository(StockLevel) private readonly levels: TenantRepository<StockLevel>) {}

  /** One page of stock rows with their products and bins, filtered by SKU, warehouse (`provider`) and location, in id order. */
  page(key: TenantKey, query: StocksQueryDto): Promise<[StockLevel[], number]> {
    const qb = this.levels.query(key, 's').innerJoinAndSelect('s.product', 'p').leftJoinAndSelect('s.location', 'l');
    if (query.sku !== undefined) qb.andWhere('p.sku = :sku', { sku: query.sku });
    if (query.provider !== undefined) qb.andWhere('s.warehouse_id = :provider', { provider: query.provider });
    if (query.location !== undefined) qb.andWhere('s.location_id = :location', { location: query.location });
    return qb
      .orderBy('s.id', 'ASC')
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
  }
}
