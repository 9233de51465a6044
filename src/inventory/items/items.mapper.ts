import { isoTime } from '../../common/http/serialize';
import type { ItemRow } from './items.repository';
import type { InventoryItemDto } from './item.dto';

/** A stock row with its product, warehouse and bin. */
export function toInventoryItem(s: ItemRow): InventoryItemDto {
  return {
    id: s.id,
    product: { id: s.product_id, name: s.product_name, sku: s.product_sku, price: Number(s.product_price), category: s.product_category },
    warehouse: { id: s.warehouse_id, name: s.warehouse_name, location: s.warehouse_location || s.warehouse_address },
    location: s.location_id === null ? null : { id: s.location_id, code: s.location_code!, name: s.location_name! },
    quantity: s.on_hand,
    reserved_quantity: s.reserved,
    available_quantity: s.available,
    min_stock_level: s.min_stock_level,
    max_stock_level: s.max_stock_level,
    stock_status: s.stock_status,
    last_updated: isoTime(s.updated_at),
  };
}
