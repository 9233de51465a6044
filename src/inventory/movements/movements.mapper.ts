import { isoTime } from '../../common/http/serialize';
import type { StockMovement } from '../entities/stock-movement.entity';
import type { MovementDto } from './movement.dto';

export function toMovementDto(m: StockMovement): MovementDto {
  return {
    id: m.id,
    item_id: m.stockLevelId,
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    location_id: m.locationId,
    type: m.type,
    quantity_delta: m.quantityDelta,
    reserved_delta: m.reservedDelta,
    quantity_after: m.quantityAfter,
    reason: m.reason,
    reference: m.reference,
    user_id: m.userId,
    created_at: isoTime(m.createdAt),
  };
}
