import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../auth/auth-context';
import { isoTime } from '../../common/http/serialize';
import { Sessions } from '../../database/sessions';
import { TenantRepository } from '../../database/tenant-repository';
import { StockLevel } from '../entities/stock-level.entity';
import { StocksQueryDto, WhippyStockDto } from './stocks.dto';

/** Document 000's view of stock: the same rows as 003's inventory items, in Whippy Ware's shape. */
@Injectable()
export class StocksService {
  private readonly levels: TenantRepository<StockLevel>;

  constructor(sessions: Sessions) {
    this.levels = new TenantRepository(StockLevel, sessions);
  }

  async list(auth: AuthContext, query: StocksQueryDto): Promise<{ count: number; results: WhippyStockDto[] }> {
    const qb = this.levels.query(auth, 's').innerJoinAndSelect('s.product', 'p');
    if (query.sku !== undefined) qb.andWhere('p.sku = :sku', { sku: query.sku });
    if (query.provider !== undefined) qb.andWhere('s.warehouse_id = :provider', { provider: query.provider });
    if (query.location !== undefined) qb.andWhere('s.location_id = :location', { location: query.location });
    const [rows, count] = await qb
      .orderBy('s.id', 'ASC')
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
    return {
      count,
      results: rows.map((s) => ({
        id: s.id,
        sku: s.product!.sku,
        provider: s.warehouseId,
        location: s.locationId,
        stock: s.onHand,
        reserved_stock: s.reserved,
        stock_type: 'standard',
        unit_type: 'qty',
        is_active: s.product!.isActive,
        created_date: isoTime(s.createdAt),
        modified_date: isoTime(s.updatedAt),
      })),
    };
  }
}
