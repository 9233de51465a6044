import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { CreateProductDto, ProductCreatedDto, ProductDto, ProductListQueryDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './entities/product.entity';
import { fromProductInput, toProductDto } from './products.mapper';
import { ProductsRepository } from './products.repository';

const SKU_ATTEMPTS = 20;
const duplicateSku = () => ValidationFailed.field('sku', 'A product with this SKU already exists in your company.');

@Injectable()
export class ProductsService {
  constructor(
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    private readonly repository: ProductsRepository,
  ) {}

  async list(auth: AuthContext, query: ProductListQueryDto): Promise<{ count: number; results: ProductDto[] }> {
    const [rows, count] = await this.repository.lastReadPage(auth, query);
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
    if (await this.repository.hasStock(auth, id)) {
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
