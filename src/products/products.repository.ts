import { Injectable } from '@nestjs/common';
import { parseOrdering } from '../common/http/pagination';
import { containsPattern } from '../common/http/search';
import { Sessions } from '../database/sessions';
import type { SqlLiteral } from '../database/sql';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import type { ProductListQueryDto } from './dto/product.dto';
import type { Product } from './entities/product.entity';

const ORDERING: Record<string, string> = {
  id: 'p.id',
  sku: 'p.sku',
  name: 'p.name',
  price: 'p.price',
  category: 'p.category',
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
};

/** A product as the catalogue's answers show it (the entity's fields, read without hydration). */
export type ProductRow = Omit<Product, 'companyId'>;

const PRODUCT_COLUMNS = `p.id, p.sku, p.name, p.description, p.price, p.category, p.barcode, p.unit,
  p.is_active as "isActive", p.created_at as "createdAt", p.updated_at as "updatedAt"`;

/**
 * The catalogue page's statement: search over name and SKU, category, state, SKU, stocked
 * warehouse; the client's ordering, then id. Every row carries the count of all that match;
 * a page past the end is one row of nulls with that count. Its text varies with the filters
 * and ordering, so it is prepared only within each connection's bound for such texts
 * (executeAndCommit). The bench's floor runs it too.
 */
export function productPage(companyId: number, query: ProductListQueryDto): { text: string; values: SqlLiteral[] } {
  const values: SqlLiteral[] = [companyId];
  const param = (value: SqlLiteral) => `$${values.push(value)}`;
  const where = ['p.company_id = $1'];
  if (query.search) {
    const pattern = param(containsPattern(query.search));
    where.push(`(p.name ilike ${pattern} or p.sku ilike ${pattern})`);
  }
  if (query.category !== undefined) where.push(`lower(p.category) = lower(${param(query.category)})`);
  if (query.is_active !== undefined) where.push(`p.is_active = ${param(String(query.is_active))}::boolean`);
  if (query.sku !== undefined) where.push(`lower(p.sku) = lower(${param(query.sku)})`);
  if (query.warehouse_id !== undefined) {
    where.push(
      `exists (select 1 from stock_levels s where s.company_id = p.company_id and s.product_id = p.id and s.warehouse_id = ${param(query.warehouse_id)})`,
    );
  }
  const order = [...parseOrdering(query.ordering, ORDERING, 'id').map(([column, direction]) => `${column} ${direction}`), 'p.id asc'].join(', ');
  const filter = where.join(' and ');
  return {
    text: `select page.*, total.n as total
             from (select count(*)::int as n from products p where ${filter}) total
             left join lateral (select ${PRODUCT_COLUMNS} from products p where ${filter}
                                 order by ${order} limit ${param(query.page_size)} offset ${param((query.page - 1) * query.page_size)}) page on true`,
    values,
  };
}

/** The products domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class ProductsRepository {
  constructor(
    private readonly sessions: Sessions,
    @InjectTenantRepository(StockLevel) private readonly stock: TenantRepository<StockLevel>,
  ) {}

  /**
   * One page of the catalogue and the count of all that match, as the request's last
   * statement (sent with its COMMIT): one round trip, rows mapped straight to the answer.
   */
  async lastReadPage(key: TenantKey, query: ProductListQueryDto): Promise<[ProductRow[], number]> {
    const { text, values } = productPage(key.companyId, query);
    const rows = await this.sessions.commitWith<ProductRow & { total: number }>(key, text, values, { prepare: 'bounded' });
    return [rows.filter((row) => row.id !== null), rows[0]?.total ?? 0];
  }

  hasStock(key: TenantKey, productId: number): Promise<boolean> {
    return this.stock.exists(key, { productId });
  }
}
