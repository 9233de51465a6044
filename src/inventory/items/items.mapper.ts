import { isoTime } from '../../common/http/serialize';
import type { StockLevel } from '../entities/stock-level.entity';
import type { InventoryItemDto } from './item.dto';

/** A stock row with its product, warehouse and bin loaded. */
export function toInventoryItem(s: StockLevel): InventoryItemDto {
  const product = s.product!;
  const warehouse = s.warehouse!;
  return {
    id: s.id,
    product: { id: product.id, name: product.name, sku: product.sku, price: Number(product.price), category: product.category },
    warehouse: { id: warehouse.id, name: warehouse.name, location: warehouse.location || warehouse.addressLine1 },
    location: s.location ? { id: s.location.id, code: s.location.code, name: s.location.name } : null,
    quantity: s.onHand,
    reserved_quantity: s.reserved,
    available_quantity: s.available,
    min_stock_level: s.minStockLevel,
    max_stock_level: s.maxStockLevel,
    stock_status: s.stockStatus,
    last_updated: isoTime(s.updatedAt),
  };
}
