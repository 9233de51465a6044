import { definedOnly } from '../common/defined';
import { isoTime } from '../common/http/serialize';
import type { CreateProductDto, ProductDto } from './dto/product.dto';
import type { Product } from './entities/product.entity';

/** A product's answer, from the entity or from a row read straight into its fields (ProductRow). */
export function toProductDto(p: Omit<Product, 'companyId'>): ProductDto {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    price: Number(p.price),
    category: p.category,
    barcode: p.barcode,
    unit: p.unit,
    is_active: p.isActive,
    created_at: isoTime(p.createdAt),
    updated_at: isoTime(p.updatedAt),
  };
}

export function fromProductInput(dto: Partial<CreateProductDto>): Partial<Product> {
  return definedOnly({
    sku: dto.sku,
    name: dto.name,
    description: dto.description,
    // Sent as a number with at most two decimals; stored as numeric(12,2) from its decimal text.
    price: dto.price === undefined ? undefined : dto.price.toFixed(2),
    category: dto.category,
    barcode: dto.barcode,
    unit: dto.unit,
    isActive: dto.is_active,
  });
}
