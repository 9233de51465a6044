import { isoTime } from '../../common/http/serialize';
import type { StockCount, StockCountLine } from '../entities/stock-count.entity';
import type { StockCountDto } from './stock-count.dto';

/** A stock count with its lines (in line order) and each line's SKU. */
export function toStockCountDto(c: StockCount, lines: StockCountLine[], skus: Map<number, string>): StockCountDto {
  return {
    id: c.id,
    name: c.name,
    note: c.note,
    status: c.status,
    line_count: lines.length,
    lines: lines.map((l) => ({
      line_no: l.lineNo,
      sku: skus.get(l.productId) ?? '',
      product_id: l.productId,
      warehouse_id: l.warehouseId,
      location_id: l.locationId,
      quantity: l.quantity,
      expected_quantity: l.expectedQuantity,
    })),
    created_by: c.createdBy,
    applied_by: c.appliedBy,
    applied_at: isoTime(c.appliedAt),
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
  };
}
