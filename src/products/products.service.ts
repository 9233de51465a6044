import { Injectable } from '@nestjs/common';
import { Brackets, Not } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { parseOrdering } from '../common/http/pagination';
import { containsPattern } from '../common/http/search';
import { Sessions } from '../database/sessions';
import { TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { CreateProductDto, ProductCreatedDto, ProductDto, ProductListQueryDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './entities/product.entity';
import { fromProductInput, toProductDto } from './products.mapper';

const ORDERING: Record<string, string> = {
  id: 'p.id',
  sku: 'p.sku',
  name: 'p.name',
  price: 'p.price',
  category: 'p.category',
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
};

const SKU_ATTEMPTS = 20;
const duplicateSku = () => ValidationFailed.field('sku', 'A product with this SKU already exists in your company.');

@Injectable()
export class ProductsService {
  private readonly products: TenantRepository<Product>;
  private readonly stock: TenantRepository<StockLevel>;

  constructor(sessions: Sessions) {
    this.products = new TenantRepository(Product, sessions);
    this.stock = new TenantRepository(StockLevel, sessions);
  }

  async list(auth: AuthContext, query: ProductListQueryDto): Promise<{ count: number; results: ProductDto[] }> {
    const qb = this.products.query(auth, 'p');
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
    for (const [column, direction] of parseOrdering(query.ordering, ORDERING, 'id')) qb.addOrderBy(column, direction);
    qb.addOrderBy('p.id', 'ASC');
    const [rows, count] = await qb
      .skip((query.page - 1) * query.page_size)
      .take(query.page_size)
      .getManyAndCount();
    return { count, results: rows.map(toProductDto) };
  }

  async get(auth: AuthContext, id: number): Promise<ProductDto> {
    return toProductDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateProductDto): Promise<ProductCreatedDto> {
    const fields = fromProductInput(dto);
    let product: Product | null = null;
    if (dto.sku !== undefined) {
      product = await this.products.insertIfAbsent(auth, { ...fields, sku: dto.sku });
      if (!product) throw duplicateSku();
    } else {
      // SKU-00001, SKU-00002, ... after the company's product count, skipping taken ones.
      const start = (await this.products.count(auth)) + 1;
      for (let n = start; !product && n < start + SKU_ATTEMPTS; n++) {
        product = await this.products.insertIfAbsent(auth, { ...fields, sku: `SKU-${String(n).padStart(5, '0')}` });
      }
      if (!product) throw duplicateSku();
    }
    return { message: 'Product created successfully.', product_id: product.id, ...toProductDto(product) };
  }

  async update(auth: AuthContext, id: number, dto: UpdateProductDto): Promise<ProductDto> {
    const product = await this.load(auth, id);
    if (dto.sku !== undefined && dto.sku !== product.sku && (await this.products.exists(auth, { sku: dto.sku, id: Not(id) }))) {
      throw duplicateSku();
    }
    Object.assign(product, fromProductInput(dto));
    await this.products.save(auth, product);
    return this.get(auth, id);
  }

  /** A product with stock history (or, later, order lines) stays; deactivate it instead. */
  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    if (await this.stock.exists(auth, { productId: id })) {
      throw new Conflict('This product has stock records; deactivate it (is_active: false) instead of deleting it.');
    }
    await this.products.delete(auth, { id });
  }

  private async load(auth: AuthContext, id: number): Promise<Product> {
    const product = await this.products.findOne(auth, { id });
    if (!product) throw new NotFound('Product not found.');
    return product;
  }
}
