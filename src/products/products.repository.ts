import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { containsPattern } from '../common/http/search';
import { fetchPage } from '../database/paged-query';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import type { ProductListQueryDto } from './dto/product.dto';
import { Product } from './entities/product.entity';

const ORDERING: Record<string, string> = {
  id: 'p.id',
  sku: 'p.sku',
  name: 'p.name',
  price: 'p.price',
  category: 'p.category',
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
};

/** The products domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class ProductsRepository {
  constructor(
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    @InjectTenantRepository(StockLevel) private readonly stock: TenantRepository<StockLevel>,
  ) {}

  /** One page of the catalogue: search over name and SKU, category, state, SKU, stocked warehouse; ordering, then id. */
  page(key: TenantKey, query: ProductListQueryDto): Promise<[Product[], number]> {
    const qb = this.products.query(key, 'p');
    if (query.search) {
      const pattern = containsPattern(query.search);
      qb.andWhere(new Brackets((b) => b.where('p.name ilike :pattern', { pattern }).orWhere('p.sku ilike :pattern', { pattern })));
    }
    if (query.category !== undefined) qb.andWhere('lower(p.category) = lower(:category)', { category: query.category });
    if (query.is_active !== undefined) qb.andWhere('p.is_active = :active', { active: query.is_active });
    if (query.sku !== undefined) qb.andWhere('lower(p.sku) = lower(:sku)', { sku: query.sku });
    if (query.warehouse_id !== undefined) {
      qb.andWhere('exists (select 1 from stock_levels s where s.company_id = p.company_id and s.product_id = p.id and s.warehouse_id = :warehouse)', {
        warehouse: query.warehouse_id,
      });
    }
    return fetchPage(qb, query, ORDERING, 'id', 'p.id');
  }

  hasStock(key: TenantKey, productId: number): Promise<boolean> {
    return this.stock.exists(key, { productId });
  }
}
