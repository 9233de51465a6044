import { isoTime } from '../common/http/serialize';
import type { StockListDto, StockListRuleDto, StockListStockDto } from './dto/stock-list.dto';
import type { StockListRule } from './entities/stock-list-rule.entity';
import type { StockList } from './entities/stock-list.entity';
import type { HoldBack } from './sellable';
import { sellableQuantity } from './sellable';
import type { SkuStock } from './stock-lists.repository';

export function toRuleDto(rule: StockListRule): StockListRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    warehouse_ids: rule.warehouseIds,
    location_ids: rule.locationIds,
    stock_types: rule.stockTypes,
    safety_stock: rule.safetyStock,
    safety_stock_percent: rule.safetyStockPercent === null ? null : Number(rule.safetyStockPercent),
    min_quantity_to_publish: rule.minQuantityToPublish,
    is_active: rule.isActive,
    created_at: isoTime(rule.createdAt),
    updated_at: isoTime(rule.updatedAt),
  };
}

export function toStockListDto(list: StockList): StockListDto {
  return { id: list.id, name: list.name, code: list.code, rule_id: list.ruleId, created_at: isoTime(list.createdAt), updated_at: isoTime(list.updatedAt) };
}

export function toStockDto(row: SkuStock, holdBack: HoldBack): StockListStockDto {
  return {
    sku: row.sku,
    product_id: row.product_id,
    quantity: sellableQuantity(row.total_available, holdBack, row.is_active),
    total_available: row.total_available,
    modified_date: row.modified_date,
  };
}
