import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { Conflict, FieldErrors, NotFound, ValidationFailed } from '../../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { EventWriter } from '../../events/event-writer';
import { Product } from '../../products/entities/product.entity';
import { Warehouse } from '../../warehouses/entities/warehouse.entity';
import { StockLocation } from '../../warehouses/locations/stock-location.entity';
import { StockCount, StockCountLine } from '../entities/stock-count.entity';
import { StockLedger } from '../stock-ledger.service';
import { CountLineInputDto, CreateStockCountDto, StockCountDto, UpdateStockCountDto } from './stock-count.dto';
import { toStockCountDto } from './stock-counts.mapper';

const slotKey = (l: { productId: number; warehouseId: number; locationId: number | null }) => `${l.productId}:${l.warehouseId}:${l.locationId ?? ''}`;

@Injectable()
export class StockCountsService {
  constructor(
    @InjectTenantRepository(StockCount) private readonly counts: TenantRepository<StockCount>,
    @InjectTenantRepository(StockCountLine) private readonly lines: TenantRepository<StockCountLine>,
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(StockLocation) private readonly locations: TenantRepository<StockLocation>,
    private readonly ledger: StockLedger,
    private readonly access: AccessService,
    private readonly events: EventWriter,
  ) {}

  async list(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: StockCountDto[] }> {
    const [rows, count] = await this.counts.findAndCount(auth, { order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { count, results: await Promise.all(rows.map((c) => this.toDto(auth, c))) };
  }

  async get(auth: AuthContext, id: number): Promise<StockCountDto> {
    return this.toDto(auth, await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateStockCountDto): Promise<StockCountDto> {
    const resolved = await this.resolveLines(auth, dto.lines);
    await this.assertWarehouses(auth, resolved);
    const count = await this.counts.insert(auth, { name: dto.name ?? '', note: dto.note ?? '', createdBy: auth.userId });
    await this.storeLines(auth, count.id, resolved);
    return this.get(auth, count.id);
  }

  async update(auth: AuthContext, id: number, dto: UpdateStockCountDto): Promise<StockCountDto> {
    const count = await this.loadDraft(auth, id);
    // Replacing or renaming a draft touches every warehouse its lines name, before and after.
    await this.assertWarehouses(auth, await this.lines.find(auth, { where: { stockCountId: id } }));
    if (dto.lines) {
      const resolved = await this.resolveLines(auth, dto.lines);
      await this.assertWarehouses(auth, resolved);
      await this.lines.delete(auth, { stockCountId: id });
      await this.storeLines(auth, id, resolved);
    }
    if (dto.name !== undefined) count.name = dto.name;
    if (dto.note !== undefined) count.note = dto.note;
    await this.counts.save(auth, count);
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.loadDraft(auth, id);
    await this.assertWarehouses(auth, await this.lines.find(auth, { where: { stockCountId: id } }));
    await this.counts.delete(auth, { id });
  }

  /**
   * Sets every line's absolute level in one transaction, once. Lines whose current quantity
   * differs from their expected_quantity fail the whole apply (a stale feed cannot overwrite
   * newer stock); each difference is booked as a `count` movement.
   */
  async apply(auth: AuthContext, id: number): Promise<StockCountDto> {
    // Lock the count first: of two concurrent applies, the second waits, then finds it applied.
    const locked = await this.counts.findOneForUpdate(auth, { id });
    if (!locked) throw new NotFound('Stock count not found.');
    if (locked.status === 'applied') throw new Conflict('This stock count has already been applied.');
    const lines = await this.lines.find(auth, { where: { stockCountId: id }, order: { lineNo: 'ASC' } });
    await this.assertWarehouses(auth, lines);

    const levelIds = new Map<string, number>();
    for (const line of lines) levelIds.set(slotKey(line), await this.ledger.rowFor(auth, line));
    const current = new Map(
      (
        await this.ledger.lock(
          auth,
          [...new Set(levelIds.values())].sort((a, b) => a - b),
        )
      ).map((r) => [r.id, r.on_hand]),
    );

    const stale = lines.filter((l) => l.expectedQuantity !== null && current.get(levelIds.get(slotKey(l))!) !== l.expectedQuantity);
    if (stale.length > 0) {
      const skus = await this.skus(
        auth,
        stale.map((l) => l.productId),
      );
      throw new Conflict(
        'Some lines no longer match the current stock; nothing was applied.',
        Object.fromEntries(
          stale.map((l) => [
            `lines[${l.lineNo - 1}]`,
            [`${skus.get(l.productId)}: expected ${l.expectedQuantity}, current ${current.get(levelIds.get(slotKey(l))!)}.`],
          ]),
        ),
      );
    }
    let adjusted = 0;
    for (const line of lines) {
      const levelId = levelIds.get(slotKey(line))!;
      if (current.get(levelId) !== line.quantity) adjusted += 1;
      await this.ledger.set(auth, levelId, line.quantity, { type: 'count', reference: `count:${id}`, reason: locked.name });
    }
    Object.assign(locked, { status: 'applied', appliedBy: auth.userId, appliedAt: new Date() });
    await this.counts.save(auth, locked);
    await this.events.emit(auth, 'stock_count.applied', {
      stock_count_id: id,
      warehouse_ids: [...new Set(lines.map((l) => l.warehouseId))].sort((a, b) => a - b),
      lines: lines.length,
      adjusted_lines: adjusted,
    });
    return this.get(auth, id);
  }

  /** Warehouse scope applies to every line of every write: the caller may write stock in each line's warehouse. */
  private async assertWarehouses(auth: AuthContext, lines: Array<{ warehouseId: number }>): Promise<void> {
    for (const warehouseId of [...new Set(lines.map((l) => l.warehouseId))].sort((a, b) => a - b)) {
      await this.access.assert(auth, 'inventory.write', warehouseId);
    }
  }

  /** Checks every line against the company's products, warehouses and bins; reports all problems at once. */
  private async resolveLines(auth: AuthContext, input: CountLineInputDto[]): Promise<Array<Omit<StockCountLine, 'id' | 'companyId' | 'stockCountId'>>> {
    const products = new Map((await this.products.find(auth, { where: { sku: In([...new Set(input.map((l) => l.sku))]) } })).map((p) => [p.sku, p.id]));
    const warehouses = new Map((await this.warehouses.find(auth, { where: { id: In([...new Set(input.map((l) => l.warehouse_id))]) } })).map((w) => [w.id, w]));
    const locationIds = [...new Set(input.flatMap((l) => (l.location_id === undefined ? [] : [l.location_id])))];
    const locations = new Map((await this.locations.find(auth, { where: { id: In(locationIds) } })).map((l) => [l.id, l.warehouseId]));
    const fields: FieldErrors = {};
    const seen = new Set<string>();
    const resolved = input.map((l, i) => {
      const problems: string[] = [];
      const productId = products.get(l.sku);
      if (productId === undefined) problems.push(`Unknown SKU "${l.sku}".`);
      if (!warehouses.has(l.warehouse_id)) problems.push(`Unknown warehouse ${l.warehouse_id}.`);
      if (l.location_id !== undefined && locations.get(l.location_id) !== l.warehouse_id)
        problems.push(`Location ${l.location_id} is not in warehouse ${l.warehouse_id}.`);
      if (l.location_id === undefined && warehouses.get(l.warehouse_id)?.usesBins)
        problems.push(`Warehouse ${l.warehouse_id} keeps its stock in bins: give location_id.`);
      const slot = { productId: productId ?? 0, warehouseId: l.warehouse_id, locationId: l.location_id ?? null };
      if (productId !== undefined && seen.has(slotKey(slot))) problems.push('The same product and place appear on an earlier line.');
      seen.add(slotKey(slot));
      if (problems.length > 0) fields[`lines[${i}]`] = problems;
      return { ...slot, lineNo: i + 1, quantity: l.quantity, expectedQuantity: l.expected_quantity ?? null };
    });
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);
    return resolved;
  }

  private async storeLines(auth: AuthContext, stockCountId: number, lines: Array<Omit<StockCountLine, 'id' | 'companyId' | 'stockCountId'>>): Promise<void> {
    await this.lines.insertMany(
      auth,
      lines.map((l) => ({ ...l, stockCountId })),
    );
  }

  private async skus(auth: AuthContext, productIds: number[]): Promise<Map<number, string>> {
    return new Map((await this.products.find(auth, { where: { id: In(productIds) } })).map((p) => [p.id, p.sku]));
  }

  private async load(auth: AuthContext, id: number): Promise<StockCount> {
    const count = await this.counts.findOne(auth, { id });
    if (!count) throw new NotFound('Stock count not found.');
    return count;
  }

  private async loadDraft(auth: AuthContext, id: number): Promise<StockCount> {
    const count = await this.load(auth, id);
    if (count.status !== 'draft') throw new Conflict('An applied stock count can no longer change.');
    return count;
  }

  private async toDto(auth: AuthContext, c: StockCount): Promise<StockCountDto> {
    const lines = await this.lines.find(auth, { where: { stockCountId: c.id }, order: { lineNo: 'ASC' } });
    const skus = await this.skus(auth, [...new Set(lines.map((l) => l.productId))]);
    return toStockCountDto(c, lines, skus);
  }
}
