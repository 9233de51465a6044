import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { parseOrdering } from '../common/http/pagination';
import { decodeCursor } from '../common/http/pagination';
import { Sessions } from '../database/sessions';
import { preparedRows, sqlRows } from '../database/sql';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLocation } from '../warehouses/locations/stock-location.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import type { StockListStocksQueryDto } from './dto/stock-list.dto';
import type { StockListRule } from './entities/stock-list-rule.entity';
import { StockList } from './entities/stock-list.entity';

export interface SkuStock {
  product_id: number;
  sku: string;
  is_active: boolean;
  total_available: number;
  modified_date: string;
}

const ORDERING: Record<string, string> = { product_id: 'product_id', sku: 'sku', modified_date: 'modified_date' };

/**
 * Per SKU, what is available (on hand less reserved, a row below zero counting as zero) in a
 * rule's warehouses and bins, live: a reservation lowers it in the same transaction. One page
 * and the count of the filtered SKUs, in one statement.
 */
function stocksStatement(order: string): Statement<'company' | 'warehouses' | 'locations' | 'sku' | 'since' | 'after' | 'limit' | 'offset'> {
  return new Statement(
    (p) => `
  with per_product as (
    select pr.id as product_id, pr.sku, pr.is_active, sum(greatest(s.available, 0))::int as total_available,
           greatest(max(s.updated_at), pr.updated_at) as modified_date
      from stock_levels s join products pr on pr.company_id = s.company_id and pr.id = s.product_id
     where s.company_id = ${p('company')} and s.warehouse_id = any (${p('warehouses')}::int[])
       and (${p('locations')}::int[] is null or s.location_id = any (${p('locations')}::int[]))
       and (${p('sku')}::text is null or lower(pr.sku) = lower(${p('sku')}::text))
     group by pr.id
  ), filtered as (
    select * from per_product where ${p('since')}::timestamptz is null or modified_date >= ${p('since')}::timestamptz
  ), page as (
    select * from filtered where product_id > ${p('after')} order by ${order} limit ${p('limit')} offset ${p('offset')}
  )
  select (select count(*)::int from filtered) as total,
         coalesce((select json_agg(json_build_object('product_id', product_id, 'sku', sku, 'is_active', is_active, 'total_available', total_available,
                  'modified_date', to_char(modified_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by ${order}) from page), '[]') as rows`,
  );
}

/** Available stock (rows below zero as zero) per product among `products`, in some warehouses (null: all) and bins. */
const AVAILABLE = new Statement<'company' | 'products' | 'warehouses' | 'locations'>(
  (p) => `
  select s.product_id, sum(greatest(s.available, 0))::int as available
    from stock_levels s
   where s.company_id = ${p('company')} and s.product_id = any (${p('products')}::int[])
     and (${p('warehouses')}::int[] is null or s.warehouse_id = any (${p('warehouses')}::int[]))
     and (${p('locations')}::int[] is null or s.location_id = any (${p('locations')}::int[]))
   group by s.product_id`,
);

/**
 * The common read (no change-time filter, product order): the page's products come straight from
 * the stock rows' (company, product, ...) index and only those are summed; the count is of
 * distinct products, without the per-product sums the filtered form needs.
 */
const STOCKS_BY_PRODUCT = new Statement<'company' | 'warehouses' | 'locations' | 'sku' | 'after' | 'limit' | 'offset'>((p) => {
  const scope = (alias: string) => `${alias}.company_id = ${p('company')} and ${alias}.warehouse_id = any (${p('warehouses')}::int[])
       and (${p('locations')}::int[] is null or ${alias}.location_id = any (${p('locations')}::int[]))`;
  const sku = (alias: string) =>
    `(${p('sku')}::text is null or ${alias}.product_id in (select id from products where company_id = ${p('company')} and lower(sku) = lower(${p('sku')}::text)))`;
  return `
  with page as (
    select distinct s.product_id from stock_levels s
     where ${scope('s')} and ${sku('s')} and s.product_id > ${p('after')}
     order by s.product_id limit ${p('limit')} offset ${p('offset')}
  ), summed as (
    select pr.id as product_id, pr.sku, pr.is_active, sum(greatest(s.available, 0))::int as total_available,
           greatest(max(s.updated_at), pr.updated_at) as modified_date
      from page
      join stock_levels s on s.company_id = ${p('company')} and s.product_id = page.product_id and ${scope('s')}
      join products pr on pr.company_id = ${p('company')} and pr.id = page.product_id
     group by pr.id
  )
  select (select count(distinct c.product_id)::int from stock_levels c where ${scope('c')} and ${sku('c')}) as total,
         coalesce((select json_agg(json_build_object('product_id', product_id, 'sku', sku, 'is_active', is_active, 'total_available', total_available,
                  'modified_date', to_char(modified_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by product_id) from summed), '[]') as rows`;
});

const STATEMENTS = new Map<string, ReturnType<typeof stocksStatement>>();

/** The stock lists domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class StockListsRepository {
  constructor(
    private readonly sessions: Sessions,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(StockLocation) private readonly locations: TenantRepository<StockLocation>,
    @InjectTenantRepository(StockList) private readonly lists: TenantRepository<StockList>,
  ) {}

  /** The ids among `ids` that are warehouses of the company. */
  async warehouseIds(key: TenantKey, ids: number[]): Promise<Set<number>> {
    return new Set((await this.warehouses.find(key, { where: { id: In(ids) }, select: { id: true } })).map((w) => w.id));
  }

  /** The company's bins among `ids`, with their warehouse. */
  async bins(key: TenantKey, ids: number[]): Promise<Map<number, number>> {
    return new Map((await this.locations.find(key, { where: { id: In(ids) }, select: { id: true, warehouseId: true } })).map((l) => [l.id, l.warehouseId]));
  }

  async available(key: TenantKey, productIds: number[], scope: { warehouseIds: number[] | null; locationIds: number[] | null }): Promise<Map<number, number>> {
    const values = AVAILABLE.values({ company: key.companyId, products: productIds, warehouses: scope.warehouseIds, locations: scope.locationIds });
    const rows = await sqlRows<{ product_id: number; available: number }>(this.sessions.managerFor(key), AVAILABLE.text, values);
    return new Map(rows.map((r) => [r.product_id, r.available]));
  }

  ruleInUse(key: TenantKey, ruleId: number): Promise<boolean> {
    return this.lists.exists(key, { ruleId });
  }

  async stocks(key: TenantKey, rule: StockListRule, query: StockListStocksQueryDto): Promise<{ count: number; rows: SkuStock[] }> {
    const cursor = query.cursor !== undefined;
    if (query.modified_since === undefined && (cursor || !query.ordering || query.ordering === 'product_id')) {
      const values = STOCKS_BY_PRODUCT.values({
        company: key.companyId,
        warehouses: rule.warehouseIds,
        locations: rule.locationIds,
        sku: query.sku ?? null,
        after: cursor ? decodeCursor(query.cursor!) : 0,
        limit: query.page_size,
        offset: cursor ? 0 : (query.page - 1) * query.page_size,
      });
      const [row] = await preparedRows<{ total: number; rows: SkuStock[] }>(this.sessions.managerFor(key), STOCKS_BY_PRODUCT.text, values);
      return { count: row.total, rows: row.rows };
    }
    const order = cursor
      ? 'product_id'
      : parseOrdering(query.ordering, ORDERING, 'product_id')
          .map(([column, direction]) => `${column} ${direction}`)
          .concat('product_id')
          .join(', ');
    let statement = STATEMENTS.get(order);
    if (!statement) STATEMENTS.set(order, (statement = stocksStatement(order)));
    const values = statement.values({
      company: key.companyId,
      warehouses: rule.warehouseIds,
      locations: rule.locationIds,
      sku: query.sku ?? null,
      since: query.modified_since ?? null,
      after: cursor ? decodeCursor(query.cursor!) : 0,
      limit: query.page_size,
      offset: cursor ? 0 : (query.page - 1) * query.page_size,
    });
    const [row] = await sqlRows<{ total: number; rows: SkuStock[] }>(this.sessions.managerFor(key), statement.text, values);
    return { count: row.total, rows: row.rows };
  }
}
