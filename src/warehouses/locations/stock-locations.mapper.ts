import { isoTime } from '../../common/http/serialize';
import type { StockLocation } from './stock-location.entity';
import type { StockLocationDto } from './stock-location.dto';

export function toStockLocationDto(l: StockLocation): StockLocationDto {
  return {
    id: l.id,
    name: l.name,
    code: l.code,
    provider: l.warehouseId,
    stock_type: l.stockType,
    is_active: l.isActive,
    created_date: isoTime(l.createdAt),
    modified_date: isoTime(l.updatedAt),
  };
}
