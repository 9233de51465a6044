import { isoTime } from '../../common/http/serialize';
import type { StockLevel } from '../entities/stock-level.entity';
import { STANDARD_STOCK_TYPE } from '../../warehouses/locations/stock-type';
import type { WhippyStockDto } from './stocks.dto';

/** A stock row in Whippy Ware's shape; the row must be loaded with its product and bin. */
export function toWhippyStock(s: StockLevel): WhippyStockDto {
  return {
    id: s.id,
    sku: s.product!.sku,
    provider: s.warehouseId,
    location: s.locationId,
    stock: s.onHand,
    reserved_stock: s.reserved,
    stock_type: s.location?.stockType ?? STANDARD_STOCK_TYPE,
    unit_type: 'qty',
    is_active: s.product!.isActive,
    created_date: isoTime(s.createdAt),
    modified_date: isoTime(s.updatedAt),
  };
}
