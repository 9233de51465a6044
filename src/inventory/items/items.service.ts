import { Injectable } from '@nestjs/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { NotFound, ValidationFailed } from '../../common/errors/app-error';
import { decodeCursor, parseOrdering } from '../../common/http/pagination';
import { containsPattern } from '../../common/http/search';
import { Sessions } from '../../database/sessions';
import { TenantRepository } from '../../database/tenant-repository';
import { Product } from '../../products/entities/product.entity';
import { Warehouse } from '../../warehouses/entities/warehouse.entity';
import { StockLocation } from '../../warehouses/locations/stock-location.entity';
import { StockLevel } from '../entities/stock-level.entity';
import { StockItemNotFound } from '../inventory.errors';
import { StockLedger } from '../stock-ledger.service';
import { BulkUpdateDto, BulkUpdateResultDto, CreateItemDto, InventoryItemDto, ItemListQueryDto, UpdateItemDto } from './item.dto';
import { toInventoryItem } from './items.mapper';

const ORDERING: Record<string, string> = {
  id: 's.id',
  quantity: 's.on_hand',
  available_quantity: 's.available',
  reserved_quantity: 's.reserved',
  min_stock_level: 's.min_stock_level',
  last_updated: 's.updated_at',
  created_at: 's.created_at',
  product__name: 'p.name',
  name: 'p.name',
  sku: 'p.sku',
  warehouse__name: 'w.name',
};

@Injectable()
export class ItemsService {
  private readonly levels: TenantRepository<StockLevel>;
  private readonly products: TenantRepository<Product>;
  private readonly warehouses: TenantRepository<Warehouse>;
  private readonly locations: TenantRepository<StockLocation>;

  constructor(
    sessions: Sessions,
    private readonly ledger: StockLedger,
    private readonly access: AccessService,
  ) {
    this.levels = new TenantRepository(StockLevel, sessions);
    this.products = new TenantRepository(Product, sessions);
    this.warehouses = new TenantRepository(Warehouse, sessions);
    this.locations = new TenantRepository(StockLocation, sessions);
  }

  /**
   * Stock rows with product, warehouse and bin, filtered by 003's parameters. Counting and
   * choosing the page happen on stock_levels (joined to products only when a filter or the
   * ordering needs it); only the page's rows are then loaded with their joins.
   */
  async list(auth: AuthContext, query: ItemListQueryDto): Promise<{ count: number; results: InventoryItemDto[] }> {
    const order = query.cursor === undefined ? parseOrdering(query.ordering, ORDERING, 'id') : [];
    if (query.cursor !== undefined && query.ordering) {
      throw ValidationFailed.field('ordering', 'With a cursor, items come in id order; leave out ordering.');
    }
    const needsProduct =
      query.product_name !== undefined ||
      query.search !== undefined ||
      query.category !== undefined ||
      query.sku !== undefined ||
      order.some(([c]) => c.startsWith('p.'));
    const needsWarehouse = order.some(([c]) => c.startsWith('w.'));
    const qb = this.levels.query(auth, 's');
    if (needsProduct) qb.innerJoin('s.product', 'p');
    if (needsWarehouse) qb.innerJoin('s.warehouse', 'w');
    if (query.product_name) qb.andWhere('p.name ilike :name', { name: containsPattern(query.product_name) });
    if (query.category !== undefined) qb.andWhere('lower(p.category) = lower(:category)', { category: query.category });
    if (query.search) qb.andWhere('(p.name ilike :search or p.sku ilike :search)', { search: containsPattern(query.search) });
    if (query.warehouse_id !== undefined) qb.andWhere('s.warehouse_id = :warehouseId', { warehouseId: query.warehouse_id });
    if (query.product_id !== undefined) qb.andWhere('s.product_id = :productId', { productId: query.product_id });
    if (query.location_id !== undefined) qb.andWhere('s.location_id = :locationId', { locationId: query.location_id });
    if (query.sku !== undefined) qb.andWhere('lower(p.sku) = lower(:sku)', { sku: query.sku });
    if (query.stock_status) qb.andWhere('s.stock_status = :status', { status: query.stock_status });
    if (query.min_stock !== undefined) qb.andWhere('s.on_hand >= :minStock', { minStock: query.min_stock });
    if (query.max_stock !== undefined) qb.andWhere('s.on_hand <= :maxStock', { maxStock: query.max_stock });
    const counted = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const count = counted?.n ?? 0;

    const page = qb.select('s.id', 'id');
    if (query.cursor !== undefined) {
      page.andWhere('s.id > :after', { after: decodeCursor(query.cursor) }).orderBy('s.id', 'ASC');
    } else {
      for (const [column, direction] of order) page.addOrderBy(column, direction);
      page.addOrderBy('s.id', 'ASC').offset((query.page - 1) * query.page_size);
    }
    const ids = (await page.limit(query.page_size).getRawMany<{ id: number }>()).map((r) => Number(r.id));
    return { count, results: await this.loadItems(auth, ids) };
  }

  /** Items by id, in the order given. */
  private async loadItems(auth: AuthContext, ids: number[]): Promise<InventoryItemDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.joined(auth).andWhere('s.id in (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [toInventoryItem(byId.get(id)!)] : []));
  }

  /** Low and out-of-stock items, most urgent first: out, then furthest below the minimum. */
  async alerts(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: InventoryItemDto[] }> {
    const [rows, count] = await this.joined(auth)
      .andWhere(`s.stock_status in ('low', 'out')`)
      .orderBy(`case s.stock_status when 'out' then 0 else 1 end`, 'ASC')
      .addOrderBy('s.available - s.min_stock_level', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { count, results: rows.map(toInventoryItem) };
  }

  async get(auth: AuthContext, id: number): Promise<InventoryItemDto> {
    const row = await this.joined(auth).andWhere('s.id = :id', { id }).getOne();
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
    const level = await this.levels.findOne(auth, { id });
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
    const levels = new Map((await this.levels.find(auth, { where: { id: In(ids) } })).map((l) => [l.id, l]));
    const missing = ids.filter((id) => !levels.has(id));
    if (missing.length > 0) throw new NotFound(`Inventory items not found: ${missing.join(', ')}.`);
    for (const warehouseId of new Set([...levels.values()].map((l) => l.warehouseId))) {
      await this.access.assert(auth, 'inventory.write', warehouseId);
    }
    for (const update of dto.updates) await this.apply(auth, levels.get(update.id)!, update.data, 'bulk update');
    const rows = await this.joined(auth).andWhere('s.id in (:...ids)', { ids }).orderBy('s.id').getMany();
    return { updated: rows.length, items: rows.map(toInventoryItem) };
  }

  /** The product, warehouse and bin of a new stock row, all of the caller's company. */
  /**
   * Checks a stock slot exists: product, warehouse and bin. A warehouse that uses bins takes
   * no stock outside them: without a bin the answer is a 400 on `field`, naming the bins that
   * hold the product.
   */
  /** The stock rows of a product kept in bins of one warehouse, with their bins, in bin order. */
  binsHolding(auth: AuthContext, productId: number, warehouseId: number): Promise<StockLevel[]> {
    return this.levels
      .query(auth, 's')
      .leftJoinAndSelect('s.location', 'l')
      .andWhere('s.product_id = :productId and s.warehouse_id = :warehouseId and s.location_id is not null', { productId, warehouseId })
      .orderBy('s.location_id')
      .getMany();
  }

  async resolveSlot(auth: AuthContext, productId: number, warehouseId: number, locationId?: number | null, field = 'location_id'): Promise<void> {
    if (!(await this.products.exists(auth, { id: productId }))) throw new NotFound(`Product ${productId} not found.`);
    const warehouse = await this.warehouses.findOne(auth, { id: warehouseId });
    if (!warehouse) throw new NotFound(`Warehouse ${warehouseId} not found.`);
    if (locationId !== undefined && locationId !== null) {
      if (!(await this.locations.exists(auth, { id: locationId, warehouseId })))
        throw new NotFound(`Stock location ${locationId} not found in warehouse ${warehouseId}.`);
    } else if (warehouse.usesBins) {
      const holding = await this.binsHolding(auth, productId, warehouseId);
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
      await this.levels.manager(auth).update(StockLevel, { companyId: auth.companyId, id: level.id }, { minStockLevel: min, maxStockLevel: max });
    }
    if (dto.quantity !== undefined) await this.ledger.set(auth, level.id, dto.quantity, { type: 'update', reason: dto.reason ?? reason });
  }

  /**
   * Stock rows with their product, warehouse and bin. Left joins (every row has a product and a
   * warehouse: foreign keys), so PostgreSQL reads the stock rows first, by id: with inner joins
   * it started from the company's warehouse and filtered its 10,000 rows for the page's 20
   * (company and warehouse ids are correlated; it estimated one row), ~10 ms per page.
   */
  private joined(auth: AuthContext): SelectQueryBuilder<StockLevel> {
    return this.levels.query(auth, 's').leftJoinAndSelect('s.product', 'p').leftJoinAndSelect('s.warehouse', 'w').leftJoinAndSelect('s.location', 'l');
  }
}

function assertMinMax(min: number, max: number | null): void {
  if (max !== null && max < min) throw ValidationFailed.field('max_stock_level', 'Must be at least min_stock_level.');
}
