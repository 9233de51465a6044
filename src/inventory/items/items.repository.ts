import { Injectable } from '@nestjs/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../../common/http/pagination';
import { containsPattern } from '../../common/http/search';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { Product } from '../../products/entities/product.entity';
import { Warehouse } from '../../warehouses/entities/warehouse.entity';
import { StockLocation } from '../../warehouses/locations/stock-location.entity';
import { StockLevel } from '../entities/stock-level.entity';
import type { ItemListQueryDto } from './item.dto';

/** Inventory items (stock rows) and the slots they live in, each query taking the tenant key first. */
@Injectable()
export class ItemsRepository {
  constructor(
    @InjectTenantRepository(StockLevel) private readonly levels: TenantRepository<StockLevel>,
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(StockLocation) private readonly locations: TenantRepository<StockLocation>,
  ) {}

  /**
   * The list's count and one page of ids, filtered by 003's parameters, in `order` (SQL column,
   * direction) then id, or after the keyset cursor. Counting and choosing the page happen on
   * stock_levels, joined to products or warehouses only when a filter or the ordering needs it.
   */
  async pageIds(key: TenantKey, query: ItemListQueryDto, order: [string, 'ASC' | 'DESC'][]): Promise<{ count: number; ids: number[] }> {
    const needsProduct =
      query.product_name !== undefined ||
      query.search !== undefined ||
      query.category !== undefined ||
      query.sku !== undefined ||
      order.some(([c]) => c.startsWith('p.'));
    const qb = this.levels.query(key, 's');
    if (needsProduct) qb.innerJoin('s.product', 'p');
    if (order.some(([c]) => c.startsWith('w.'))) qb.innerJoin('s.warehouse', 'w');
    if (query.product_name) qb.andWhere('p.name ilike :name', { name: containsPattern(query.product_name) });
    if (query.category !== undefined) qb.andWhere('lower(p.category) = lower(:category)', { category: query.category });
    if (query.search) qb.andWhere('(p.name ilike :search or p.sku ilike :search)', { search: containsPattern(query.search) });
    if (query.warehouse_id !== undefined) qb.andWhere('s.warehouse_id = :warehouseId', { warehouseId: query.warehouse_id });
    if (query.product_id !== undefined) qb.andWhere('s.product_id = :productId', { productId: query.product_id });
    if (query.location_id !== undefined) qb.andWhere('s.location_id = :locationId', { locationId: query.location_id });
    if (query.sku !== undefined) qb.andWhere('lower(p.sku) = lower(:sku)', { sku: query.sku });
    if (query.stock_status) qb.andWhere('s.stock_status = :status', { status: query.stock_status });
    if (query.min_stock !== undefined) qb.andWhere('s.on_hand >= :minStock', { minStock: query.min_stock });
    if (query.max_stock !== undefined) qb.andWhere('s.on_hand <= :maxStock', { maxStock: query.max_stock });
    const counted = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();

    const page = qb.select('s.id', 'id');
    if (query.cursor !== undefined) {
      page.andWhere('s.id > :after', { after: decodeCursor(query.cursor) }).orderBy('s.id', 'ASC');
    } else {
      for (const [column, direction] of order) page.addOrderBy(column, direction);
      page.addOrderBy('s.id', 'ASC').offset((query.page - 1) * query.page_size);
    }
    const ids = (await page.limit(query.page_size).getRawMany<{ id: number }>()).map((r) => Number(r.id));
    return { count: counted?.n ?? 0, ids };
  }

  /** Items with their product, warehouse and bin, in id order. */
  withRelations(key: TenantKey, ids: number[]): Promise<StockLevel[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.joined(key).andWhere('s.id in (:...ids)', { ids }).orderBy('s.id').getMany();
  }

  async oneWithRelations(key: TenantKey, id: number): Promise<StockLevel | null> {
    return (await this.joined(key).andWhere('s.id = :id', { id }).getOne()) ?? null;
  }

  /** Low and out-of-stock items, most urgent first: out, then furthest below the minimum. */
  alertsPage(key: TenantKey, page: number, pageSize: number): Promise<[StockLevel[], number]> {
    return this.joined(key)
      .andWhere(`s.stock_status in ('low', 'out')`)
      .orderBy(`case s.stock_status when 'out' then 0 else 1 end`, 'ASC')
      .addOrderBy('s.available - s.min_stock_level', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
  }

  level(key: TenantKey, id: number): Promise<StockLevel | null> {
    return this.levels.findOne(key, { id });
  }

  levelsById(key: TenantKey, ids: number[]): Promise<StockLevel[]> {
    return this.levels.find(key, { where: { id: In(ids) } });
  }

  async setMinMax(key: TenantKey, id: number, min: number, max: number | null): Promise<void> {
    await this.levels.update(key, { id }, { minStockLevel: min, maxStockLevel: max });
  }

  /** The stock rows of a product kept in bins of one warehouse, with their bins, in bin order. */
  binsHolding(key: TenantKey, productId: number, warehouseId: number): Promise<StockLevel[]> {
    return this.levels
      .query(key, 's')
      .leftJoinAndSelect('s.location', 'l')
      .andWhere('s.product_id = :productId and s.warehouse_id = :warehouseId and s.location_id is not null', { productId, warehouseId })
      .orderBy('s.location_id')
      .getMany();
  }

  productExists(key: TenantKey, id: number): Promise<boolean> {
    return this.products.exists(key, { id });
  }

  warehouse(key: TenantKey, id: number): Promise<Warehouse | null> {
    return this.warehouses.findOne(key, { id });
  }

  locationExists(key: TenantKey, id: number, warehouseId: number): Promise<boolean> {
    return this.locations.exists(key, { id, warehouseId });
  }

  /**
   * Stock rows with their product, warehouse and bin. Left joins (every row has a product and a
   * warehouse: foreign keys), so PostgreSQL reads the stock rows first, by id: with inner joins
   * it started from the company's warehouse and filtered its 10,000 rows for the page's 20
   * (company and warehouse ids are correlated; it estimated one row), ~10 ms per page.
   */
  private joined(key: TenantKey): SelectQueryBuilder<StockLevel> {
    return this.levels.query(key, 's').leftJoinAndSelect('s.product', 'p').leftJoinAndSelect('s.warehouse', 'w').leftJoinAndSelect('s.location', 'l');
  }
}
