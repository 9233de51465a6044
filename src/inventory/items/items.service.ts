import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { NotFound, ValidationFailed } from '../../common/errors/app-error';
import { StockLevel } from '../entities/stock-level.entity';
import { StockItemNotFound } from '../inventory.errors';
import { StockLedger } from '../stock-ledger.service';
import { BulkUpdateDto, BulkUpdateResultDto, CreateItemDto, InventoryItemDto, ItemListQueryDto, UpdateItemDto } from './item.dto';
import { toInventoryItem } from './items.mapper';
import { ItemsRepository } from './items.repository';

@Injectable()
export class ItemsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly ledger: StockLedger,
    private readonly access: AccessService,
  ) {}

  /** Stock rows with product, warehouse and bin, filtered by 003's parameters: one page and the count, in one statement. */
  async list(auth: AuthContext, query: ItemListQueryDto): Promise<{ count: number; results: InventoryItemDto[] }> {
    if (query.cursor !== undefined && query.ordering) {
      throw ValidationFailed.field('ordering', 'With a cursor, items come in id order; leave out ordering.');
    }
    const { count, rows } = await this.items.lastReadPage(auth, query);
    return { count, results: rows.map(toInventoryItem) };
  }

  /** Items by id, in the order given: a read request's last statement (it ends the transaction). */
  private async loadItems(auth: AuthContext, ids: number[]): Promise<InventoryItemDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.items.lastReadManyWithRelations(auth, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [toInventoryItem(byId.get(id)!)] : []));
  }

  /** Low and out-of-stock items, most urgent first: out, then furthest below the minimum. */
  async alerts(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: InventoryItemDto[] }> {
    const { count, ids } = await this.items.alertsPage(auth, page, pageSize);
    return { count, results: await this.loadItems(auth, ids) };
  }

  /** One item, as a read request's whole work: the read also ends the request's transaction. */
  async show(auth: AuthContext, id: number): Promise<InventoryItemDto> {
    const row = await this.items.lastReadWithRelations(auth, id);
    if (!row) throw new StockItemNotFound();
    return toInventoryItem(row);
  }

  async get(auth: AuthContext, id: number): Promise<InventoryItemDto> {
    const row = await this.items.oneWithRelations(auth, id);
    if (!row) throw new StockItemNotFound();
    return toInventoryItem(row);
  }

  async create(auth: AuthContext, dto: CreateItemDto): Promise<InventoryItemDto> {
    await this.resolveSlot(auth, dto.product_id, dto.warehouse_id, dto.location_id);
    await this.access.assert(auth, 'inventory.write', dto.warehouse_id);
    assertMinMax(dto.min_stock_level ?? 0, dto.max_stock_level ?? null);
    const row = await this.ledger.create(
      auth,
      {
        productId: dto.product_id,
        warehouseId: dto.warehouse_id,
        locationId: dto.location_id ?? null,
        minStockLevel: dto.min_stock_level,
        maxStockLevel: dto.max_stock_level,
      },
      dto.quantity ?? 0,
    );
    return this.get(auth, row.id);
  }

  async update(auth: AuthContext, id: number, dto: UpdateItemDto): Promise<InventoryItemDto> {
    const level = await this.items.level(auth, id);
    if (!level) throw new StockItemNotFound();
    await this.access.assert(auth, 'inventory.write', level.warehouseId);
    await this.apply(auth, level, dto);
    return this.get(auth, id);
  }

  /** 003's bulk update: every row locked in id order first; any failure undoes them all. */
  async bulkUpdate(auth: AuthContext, dto: BulkUpdateDto): Promise<BulkUpdateResultDto> {
    const ids = dto.updates.map((u) => u.id);
    if (new Set(ids).size !== ids.length) throw ValidationFailed.field('updates', 'Each item may appear only once.');
    await this.ledger.lock(
      auth,
      [...ids].sort((a, b) => a - b),
    );
    const levels = new Map((await this.items.levelsById(auth, ids)).map((l) => [l.id, l]));
    const missing = ids.filter((id) => !levels.has(id));
    if (missing.length > 0) throw new NotFound(`Inventory items not found: ${missing.join(', ')}.`);
    for (const warehouseId of new Set([...levels.values()].map((l) => l.warehouseId))) {
      await this.access.assert(auth, 'inventory.write', warehouseId);
    }
    for (const update of dto.updates) await this.apply(auth, levels.get(update.id)!, update.data, 'bulk update');
    const rows = await this.items.withRelations(auth, ids);
    return { updated: rows.length, items: rows.map(toInventoryItem) };
  }

  /** The stock rows of a product kept in bins of one warehouse, with their bins, in bin order. */
  binsHolding(auth: AuthContext, productId: number, warehouseId: number): Promise<StockLevel[]> {
    return this.items.binsHolding(auth, productId, warehouseId);
  }

  /**
   * Checks a stock slot of the caller's company exists: product, warehouse and bin. A
   * warehouse that uses bins takes no stock outside them: without a bin the answer is a 400
   * on `field`, naming the bins that hold the product.
   */
  async resolveSlot(auth: AuthContext, productId: number, warehouseId: number, locationId?: number | null, field = 'location_id'): Promise<void> {
    if (!(await this.items.productExists(auth, productId))) throw new NotFound(`Product ${productId} not found.`);
    const warehouse = await this.items.warehouse(auth, warehouseId);
    if (!warehouse) throw new NotFound(`Warehouse ${warehouseId} not found.`);
    if (locationId !== undefined && locationId !== null) {
      if (!(await this.items.locationExists(auth, locationId, warehouseId)))
        throw new NotFound(`Stock location ${locationId} not found in warehouse ${warehouseId}.`);
    } else if (warehouse.usesBins) {
      const holding = await this.items.binsHolding(auth, productId, warehouseId);
      const where = holding.map((s) => `${s.location?.code ?? ''} (id ${s.locationId}, ${s.available} available)`);
      throw ValidationFailed.field(
        field,
        `Warehouse ${warehouse.code} keeps its stock in bins: give ${field}.${where.length > 0 ? ` This product is in ${where.join(', ')}.` : ''}`,
      );
    }
  }

  private async apply(auth: AuthContext, level: StockLevel, dto: UpdateItemDto, reason = ''): Promise<void> {
    const min = dto.min_stock_level ?? level.minStockLevel;
    const max = dto.max_stock_level === undefined ? level.maxStockLevel : dto.max_stock_level;
    assertMinMax(min, max);
    if (dto.min_stock_level !== undefined || dto.max_stock_level !== undefined) {
      await this.items.setMinMax(auth, level.id, min, max);
    }
    if (dto.quantity !== undefined) await this.ledger.set(auth, level.id, dto.quantity, { type: 'update', reason: dto.reason ?? reason });
  }
}

function assertMinMax(min: number, max: number | null): void {
  if (max !== null && max < min) throw ValidationFailed.field('max_stock_level', 'Must be at least min_stock_level.');
}
