import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { decodeCursor, parseOrdering } from '../../common/http/pagination';
import { containsPattern } from '../../common/http/search';
import { readAheadById } from '../../database/read-ahead';
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
const ITEM_SELECT = `
  select s.id, s.on_hand, s.reserved, s.available, s.min_stock_level, s.max_stock_level, s.stock_status, s.updated_at,
         p.id as product_id, p.name as product_name, p.sku as product_sku, p.price as product_price, p.category as product_category,
         w.id as warehouse_id, w.name as warehouse_name, w.location as warehouse_location, w.address_line1 as warehouse_address,
         l.id as location_id, l.code as location_code, l.name as location_name`;
const ITEM_JOINS = `
    left join products p on p.company_id = s.company_id and p.id = s.product_id
    left join warehouses w on w.company_id = s.company_id and w.id = s.warehouse_id
    left join stock_locations l on l.company_id = s.company_id and l.id = s.location_id`;
const itemsWhere = (p: Param<'company'>, where: string) => `${ITEM_SELECT}
    from stock_levels s ${ITEM_JOINS}
   where s.company_id = ${p('company')} and ${where}`;
/** One item with its product, warehouse and bin (the bench's floor runs it too). */
export const ITEM = new Statement<'company' | 'id'>((p) => itemsWhere(p, `s.id = ${p('id')}`));
/** The item detail's one read, done with the caller's token check (its route ReadsAhead). */
export const ITEM_READ_AHEAD = readAheadById(ITEM);
const ITEMS = new Statement<'company' | 'ids'>((p) => `${itemsWhere(p, `s.id = any (${p('ids')}::bigint[])`)} order by s.id`);

const ORDERING: Record<string, string> = {
  id: 's.id',
  quantity: 's.on_hand',
  available_quantity: 's.available',
  reserved_quantity: 's.reserved',
  min_stock_level: 's.min_stock_level',
  last_updated: 's.updated_at',
  created_at: 's.created_at',
  product__name: 'p.name',
  name: 'p.name',
  sku: 'p.sku',
  warehouse__name: 'w.name',
};

/**
 * The list's statement: the count of all stock rows matching 003's filters and one page of
 * them, in the client's ordering then id (or after the keyset cursor, in id order), with their
 * product, warehouse and bin. The page's ids are chosen on stock_levels, joined to products or
 * warehouses only when a filter or the ordering needs it, then read by id. Every row carries the
 * count; a page past the end is one row of nulls with it. Its text varies with the filters, so
 * it is prepared only within each connection's bound for such texts (executeAndCommit). The
 * bench's floor runs it too.
 */
export function itemPage(companyId: number, query: ItemListQueryDto): { text: string; values: SqlLiteral[] } {
  const values: SqlLiteral[] = [companyId];
  const param = (value: SqlLiteral) => `$${values.push(value)}`;
  const order = query.cursor === undefined ? parseOrdering(query.ordering, ORDERING, 'id') : [];
  const needsProduct =
    query.product_name !== undefined ||
    query.search !== undefined ||
    query.category !== undefined ||
    query.sku !== undefined ||
    order.some(([c]) => c.startsWith('p.'));
  const needsWarehouse = order.some(([c]) => c.startsWith('w.'));
  const where = ['s.company_id = $1'];
  if (query.product_name) where.push(`p.name ilike ${param(containsPattern(query.product_name))}`);
  if (query.category !== undefined) where.push(`lower(p.category) = lower(${param(query.category)})`);
  if (query.search) {
    const pattern = param(containsPattern(query.search));
    where.push(`(p.name ilike ${pattern} or p.sku ilike ${pattern})`);
  }
  if (query.warehouse_id !== undefined) where.push(`s.warehouse_id = ${param(query.warehouse_id)}`);
  if (query.product_id !== undefined) where.push(`s.product_id = ${param(query.product_id)}`);
  if (query.location_id !== undefined) where.push(`s.location_id = ${param(query.location_id)}`);
  if (query.sku !== undefined) where.push(`lower(p.sku) = lower(${param(query.sku)})`);
  if (query.stock_status) where.push(`s.stock_status = ${param(query.stock_status)}`);
  if (query.min_stock !== undefined) where.push(`s.on_hand >= ${param(query.min_stock)}`);
  if (query.max_stock !== undefined) where.push(`s.on_hand <= ${param(query.max_stock)}`);
  const from = [
    'stock_levels s',
    needsProduct ? 'join products p on p.company_id = s.company_id and p.id = s.product_id' : '',
    needsWarehouse ? 'join warehouses w on w.company_id = s.company_id and w.id = s.warehouse_id' : '',
  ].join(' ');
  const filter = where.join(' and ');
  const page =
    query.cursor === undefined
      ? `${filter} order by ${[...order.map(([column, direction]) => `${column} ${direction}`), 's.id asc'].join(', ')}
         limit ${param(query.page_size)} offset ${param((query.page - 1) * query.page_size)}`
      : `${filter} and s.id > ${param(decodeCursor(query.cursor))} order by s.id limit ${param(query.page_size)}`;
  return {
    text: `select page.*, total.n as total
             from (select count(*)::int as n from ${from} where ${filter}) total
             left join lateral (${ITEM_SELECT}, chosen.ord
                                  from unnest(array(select s.id from ${from} where ${page})) with ordinality as chosen(id, ord)
                                  join stock_levels s on s.company_id = $1 and s.id = chosen.id ${ITEM_JOINS}) page on true
            order by page.ord`,
    values,
  };
}

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

  /** One page of the list and the count of all that match (itemPage), as the request's last statement (sent with its COMMIT). */
  async lastReadPage(key: TenantKey, query: ItemListQueryDto): Promise<{ count: number; rows: ItemRow[] }> {
    const { text, values } = itemPage(key.companyId, query);
    const rows = await this.sessions.commitWith<ItemRow & { total: number }>(key, text, values, { prepare: 'bounded' });
    return { count: rows[0]?.total ?? 0, rows: rows.filter((row) => row.id !== null) };
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
