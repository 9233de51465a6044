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
import { STANDARD_STOCK_TYPE } from '../warehouses/locations/stock-type';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import type { StockListStocksQueryDto } from './dto/stock-list.dto';
import type { HoldBack } from './sellable';
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
 * A stock row counts when it is in one of `locations` (the rule's bins of its stock types), or,
 * with `unbinned`, kept at warehouse level; null `locations` counts every row of the warehouses.
 */
function inBins(alias: string, p: (name: 'locations' | 'unbinned') => string): string {
  return `(${p('locations')}::int[] is null or ${alias}.location_id = any (${p('locations')}::int[]) or (${p('unbinned')}::boolean and ${alias}.location_id is null))`;
}

/**
 * Per SKU, what is available (on hand less reserved, a row below zero counting as zero) in a
 * rule's warehouses and bins, live: a reservation lowers it in the same transaction. One page
 * and the count of the filtered SKUs, in one statement.
 */
function stocksStatement(order: string): Statement<'company' | 'warehouses' | 'locations' | 'unbinned' | 'sku' | 'since' | 'after' | 'limit' | 'offset'> {
  return new Statement(
    (p) => `
  with per_product as (
    select pr.id as product_id, pr.sku, pr.is_active, sum(greatest(s.available, 0))::int as total_available,
           greatest(max(s.updated_at), pr.updated_at) as modified_date
      from stock_levels s join products pr on pr.company_id = s.company_id and pr.id = s.product_id
     where s.company_id = ${p('company')} and s.warehouse_id = any (${p('warehouses')}::int[])
       and ${inBins('s', p)}
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
const AVAILABLE = new Statement<'company' | 'products' | 'warehouses' | 'locations' | 'unbinned'>(
  (p) => `
  select s.product_id, sum(greatest(s.available, 0))::int as available
    from stock_levels s
   where s.company_id = ${p('company')} and s.product_id = any (${p('products')}::int[])
     and (${p('warehouses')}::int[] is null or s.warehouse_id = any (${p('warehouses')}::int[]))
     and ${inBins('s', p)}
   group by s.product_id`,
);

/**
 * The common read (no change-time filter, product order): the page's products come straight from
 * the stock rows' (company, product, ...) index and only those are summed. The count of distinct
 * products scans every stock row in scope, so it is skipped when the caller already counted this
 * scope and the company's stock rows are still the same set: `marker` grows with every stock row
 * created or removed (stock totals), and is read in the same snapshot as the page.
 */
const STOCKS_BY_PRODUCT = new Statement<
  'company' | 'warehouses' | 'locations' | 'unbinned' | 'sku' | 'after' | 'limit' | 'offset' | 'known_marker' | 'known_count'
>((p) => {
  const scope = (alias: string) => `${alias}.company_id = ${p('company')} and ${alias}.warehouse_id = any (${p('warehouses')}::int[])
       and ${inBins(alias, p)}`;
  const sku = (alias: string) =>
    `(${p('sku')}::text is null or ${alias}.product_id in (select id from products where company_id = ${p('company')} and lower(sku) = lower(${p('sku')}::text)))`;
  return `
  with marker as (
    select coalesce(sum(structural), 0)::text as value
      from (select structural from stock_totals where company_id = ${p('company')}
            union all select structural from stock_total_changes where company_id = ${p('company')}) k
  ), page as (
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
  select (select value from marker) as marker,
         case when (select value from marker) = ${p('known_marker')}::text then ${p('known_count')}::int
              else (select count(distinct c.product_id)::int from stock_levels c where ${scope('c')} and ${sku('c')}) end as total,
         coalesce((select json_agg(json_build_object('product_id', product_id, 'sku', sku, 'is_active', is_active, 'total_available', total_available,
                  'modified_date', to_char(modified_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by product_id) from summed), '[]') as rows`;
});

/**
 * What a stock list publishes by, in one lookup: its rule's hold-back and scope, with the rule's
 * stock types turned into the bins that hold them (stock at warehouse level counting as standard).
 */
const RULE_OF_LIST = new Statement<'company' | 'list'>(
  (p) => `
  select r.warehouse_ids,
         case when r.stock_types is null then r.location_ids
              else array(select b.id from stock_locations b
                          where b.company_id = r.company_id and b.warehouse_id = any (r.warehouse_ids)
                            and (r.location_ids is null or b.id = any (r.location_ids)) and b.stock_type = any (r.stock_types)
                          order by b.id) end as location_ids,
         r.location_ids is null and (r.stock_types is null or '${STANDARD_STOCK_TYPE}' = any (r.stock_types)) as unbinned,
         r.safety_stock, r.safety_stock_percent::float8 as safety_stock_percent,
         r.min_quantity_to_publish, r.is_active
    from stock_lists l join stock_list_rules r on r.company_id = l.company_id and r.id = l.rule_id
   where l.company_id = ${p('company')} and l.id = ${p('list')}`,
);

/** Which stock rows count: see `inBins`. */
export interface StockScope {
  warehouseIds: number[];
  locationIds: number[] | null;
  unbinned: boolean;
}

export interface ListRule extends HoldBack, StockScope {}

const STATEMENTS = new Map<string, ReturnType<typeof stocksStatement>>();

/** Counts of stock-list scopes with the marker they were counted at; a hint the database confirms, never trusted alone. */
const COUNTED_SCOPES_MAX = 10_000;

/** The stock lists domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class StockListsRepository {
  private readonly counted = new Map<string, { marker: string; count: number }>();

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

  async available(
    key: TenantKey,
    productIds: number[],
    scope: Omit<StockScope, 'warehouseIds'> & { warehouseIds: number[] | null },
  ): Promise<Map<number, number>> {
    const values = AVAILABLE.values({
      company: key.companyId,
      products: productIds,
      warehouses: scope.warehouseIds,
      locations: scope.locationIds,
      unbinned: scope.unbinned,
    });
    const rows = await sqlRows<{ product_id: number; available: number }>(this.sessions.managerFor(key), AVAILABLE.text, values);
    return new Map(rows.map((r) => [r.product_id, r.available]));
  }

  /** The rule a stock list of the company publishes by; undefined when there is no such list. */
  async ruleOfList(key: TenantKey, listId: number): Promise<ListRule | undefined> {
    const [row] = await preparedRows<{
      warehouse_ids: number[];
      location_ids: number[] | null;
      unbinned: boolean;
      safety_stock: number;
      safety_stock_percent: number | null;
      min_quantity_to_publish: number;
      is_active: boolean;
    }>(this.sessions.managerFor(key), RULE_OF_LIST.text, RULE_OF_LIST.values({ company: key.companyId, list: listId }));
    return (
      row && {
        warehouseIds: row.warehouse_ids,
        locationIds: row.location_ids,
        unbinned: row.unbinned,
        safetyStock: row.safety_stock,
        safetyStockPercent: row.safety_stock_percent,
        minQuantityToPublish: row.min_quantity_to_publish,
        isActive: row.is_active,
      }
    );
  }

  ruleInUse(key: TenantKey, ruleId: number): Promise<boolean> {
    return this.lists.exists(key, { ruleId });
  }

  async stocks(key: TenantKey, rule: StockScope, query: StockListStocksQueryDto): Promise<{ count: number; rows: SkuStock[] }> {
    const cursor = query.cursor !== undefined;
    if (query.modified_since === undefined && (cursor || !query.ordering || query.ordering === 'product_id')) {
      const scope = query.sku === undefined ? `${key.companyId}:${rule.warehouseIds.join(',')}:${rule.locationIds?.join(',') ?? '*'}:${rule.unbinned}` : null;
      const known = scope === null ? undefined : this.counted.get(scope);
      const values = STOCKS_BY_PRODUCT.values({
        company: key.companyId,
        warehouses: rule.warehouseIds,
        locations: rule.locationIds,
        unbinned: rule.unbinned,
        sku: query.sku ?? null,
        after: cursor ? decodeCursor(query.cursor!) : 0,
        limit: query.page_size,
        offset: cursor ? 0 : (query.page - 1) * query.page_size,
        known_marker: known?.marker ?? null,
        known_count: known?.count ?? null,
      });
      const [row] = await preparedRows<{ marker: string; total: number; rows: SkuStock[] }>(this.sessions.managerFor(key), STOCKS_BY_PRODUCT.text, values);
      if (scope !== null && known?.marker !== row.marker) {
        if (this.counted.size >= COUNTED_SCOPES_MAX) this.counted.clear();
        this.counted.set(scope, { marker: row.marker, count: row.total });
      }
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
      unbinned: rule.unbinned,
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
