import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { decodeCursor } from '../../common/http/pagination';
import { containsPattern } from '../../common/http/search';
import { Sessions } from '../../database/sessions';
import { preparedRows, SqlLiteral } from '../../database/sql';
import type { Param } from '../../database/statement';
import { Statement } from '../../database/statement';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { Product } from '../../products/entities/product.entity';
import { Warehouse } from '../../warehouses/entities/warehouse.entity';
import { StockLocation } from '../../warehouses/locations/stock-location.entity';
import { StockLevel } from '../entities/stock-level.entity';
import type { ItemListQueryDto } from './item.dto';

/** A stock row with what its answer shows of its product, warehouse and bin. */
export interface ItemRow {
  id: number;
  on_hand: number;
  reserved: number;
  available: number;
  min_stock_level: number;
  max_stock_level: number | null;
  stock_status: StockLevel['stockStatus'];
  updated_at: Date;
  product_id: number;
  product_name: string;
  product_sku: string;
  product_price: string;
  product_category: string;
  warehouse_id: number;
  warehouse_name: string;
  warehouse_location: string;
  warehouse_address: string;
  location_id: number | null;
  location_code: string | null;
  location_name: string | null;
}

/**
 * Items are the hottest reads, so they are plain prepared statements mapped straight to the
 * answer (no entity hydration). Left joins (every row has a product and a warehouse: foreign
 * keys), so PostgreSQL reads the stock rows first, by id: with inner joins it started from the
 * company's warehouse and filtered its 10,000 rows for the page's 20 (company and warehouse ids
 * are correlated; it estimated one row), ~10 ms per page.
 */
const itemsWhere = (p: Param<'company'>, where: string) => `
  select s.id, s.on_hand, s.reserved, s.available, s.min_stock_level, s.max_stock_level, s.stock_status, s.updated_at,
         p.id as product_id, p.name as product_name, p.sku as product_sku, p.price as product_price, p.category as product_category,
         w.id as warehouse_id, w.name as warehouse_name, w.location as warehouse_location, w.address_line1 as warehouse_address,
         l.id as location_id, l.code as location_code, l.name as location_name
    from stock_levels s
    left join products p on p.company_id = s.company_id and p.id = s.product_id
    left join warehouses w on w.company_id = s.company_id and w.id = s.warehouse_id
    left join stock_locations l on l.company_id = s.company_id and l.id = s.location_id
   where s.company_id = ${p('company')} and ${where}`;
const ITEM = new Statement<'company' | 'id'>((p) => itemsWhere(p, `s.id = ${p('id')}`));
const ITEMS = new Statement<'company' | 'ids'>((p) => `${itemsWhere(p, `s.id = any (${p('ids')}::bigint[])`)} order by s.id`);

/** Inventory items (stock rows) and the slots they live in, each query taking the tenant key first. */
@Injectable()
export class ItemsRepository {
  constructor(
    private readonly sessions: Sessions,
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
  withRelations(key: TenantKey, ids: number[]): Promise<ItemRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return preparedRows<ItemRow>(this.sessions.managerFor(key), ITEMS.text, ITEMS.values({ company: key.companyId, ids }));
  }

  /** The same items, read as their request's last statement (sent with its COMMIT, as lastReadWithRelations). */
  lastReadManyWithRelations(key: TenantKey, ids: number[]): Promise<ItemRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.sessions.commitWith<ItemRow>(key, ITEMS.text, ITEMS.values({ company: key.companyId, ids }) as SqlLiteral[]);
  }

  async oneWithRelations(key: TenantKey, id: number): Promise<ItemRow | null> {
    const [row] = await preparedRows<ItemRow>(this.sessions.managerFor(key), ITEM.text, ITEM.values({ company: key.companyId, id }));
    return row ?? null;
  }

  /**
   * The same item, read as its request's last statement: sent with the COMMIT of the
   * (read-only) transaction, one round trip instead of two (Sessions.commitWith).
   */
  async lastReadWithRelations(key: TenantKey, id: number): Promise<ItemRow | null> {
    const [row] = await this.sessions.commitWith<ItemRow>(key, ITEM.text, ITEM.values({ company: key.companyId, id }) as SqlLiteral[]);
    return row ?? null;
  }

  /** Low and out-of-stock items, most urgent first (out, then furthest below the minimum): a page of ids and the count. */
  async alertsPage(key: TenantKey, page: number, pageSize: number): Promise<{ count: number; ids: number[] }> {
    const qb = this.levels.query(key, 's').andWhere(`s.stock_status in ('low', 'out')`);
    const counted = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await qb
      .select('s.id', 'id')
      .orderBy(`case s.stock_status when 'out' then 0 else 1 end`, 'ASC')
      .addOrderBy('s.available - s.min_stock_level', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<{ id: number }>();
    return { count: counted?.n ?? 0, ids: rows.map((r) => Number(r.id)) };
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
}
