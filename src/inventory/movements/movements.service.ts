import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { ValidationFailed } from '../../common/errors/app-error';
import { Sessions } from '../../database/sessions';
import { TenantRepository } from '../../database/tenant-repository';
import { StockLevel } from '../entities/stock-level.entity';
import { StockMovement } from '../entities/stock-movement.entity';
import { InsufficientStock, StockItemNotFound } from '../inventory.errors';
import { ItemsService } from '../items/items.service';
import { StockLedger } from '../stock-ledger.service';
import { AdjustmentDto, AdjustmentResultDto, MovementDto, MovementListQueryDto, TransferDto, TransferResultDto } from './movement.dto';
import { toMovementDto } from './movements.mapper';

@Injectable()
export class MovementsService {
  private readonly movements: TenantRepository<StockMovement>;
  private readonly levels: TenantRepository<StockLevel>;

  constructor(
    sessions: Sessions,
    private readonly ledger: StockLedger,
    private readonly items: ItemsService,
    private readonly access: AccessService,
  ) {
    this.movements = new TenantRepository(StockMovement, sessions);
    this.levels = new TenantRepository(StockLevel, sessions);
  }

  async list(auth: AuthContext, query: MovementListQueryDto): Promise<{ count: number; results: MovementDto[] }> {
    const qb = this.movements.query(auth, 'm');
    if (query.item_id !== undefined) qb.andWhere('m.stock_level_id = :item', { item: query.item_id });
    if (query.product_id !== undefined) qb.andWhere('m.product_id = :product', { product: query.product_id });
    if (query.warehouse_id !== undefined) qb.andWhere('m.warehouse_id = :warehouse', { warehouse: query.warehouse_id });
    if (query.location_id !== undefined) qb.andWhere('m.location_id = :location', { location: query.location_id });
    if (query.user_id !== undefined) qb.andWhere('m.user_id = :user', { user: query.user_id });
    if (query.type) qb.andWhere('m.type = :type', { type: query.type });
    if (query.reference) qb.andWhere('m.reference = :reference', { reference: query.reference });
    if (query.date_from) qb.andWhere('m.created_at >= :from::date', { from: query.date_from });
    if (query.date_to) qb.andWhere(`m.created_at < :to::date + interval '1 day'`, { to: query.date_to });
    if (query.ordering && !['created_at', '-created_at', 'id', '-id'].includes(query.ordering)) {
      throw ValidationFailed.field('ordering', 'Invalid ordering field. Allowed: created_at, -created_at, id, -id.');
    }
    const direction = query.ordering?.startsWith('-') === false ? 'ASC' : 'DESC';
    const [rows, count] = await qb
      .orderBy('m.id', direction)
      .offset((query.page - 1) * query.page_size)
      .limit(query.page_size)
      .getManyAndCount();
    return { count, results: rows.map(toMovementDto) };
  }

  /** A delta with a reason code; adding to a product not yet stocked there creates its item. */
  async adjust(auth: AuthContext, dto: AdjustmentDto): Promise<AdjustmentResultDto> {
    const levelId = dto.item_id ?? (await this.itemFor(auth, dto.product_id!, dto.warehouse_id!, dto.location_id ?? null));
    const level = await this.levels.findOne(auth, { id: levelId });
    if (!level) throw new StockItemNotFound();
    await this.access.assert(auth, 'inventory.write', level.warehouseId);
    await this.ledger.change(auth, levelId, dto.delta, { type: 'adjustment', reason: dto.reason, reference: dto.reference });
    const movement = await this.movements.manager(auth).findOneOrFail(StockMovement, {
      where: { companyId: auth.companyId, stockLevelId: levelId },
      order: { id: 'DESC' },
    });
    return { movement: toMovementDto(movement), item: await this.items.get(auth, levelId) };
  }

  /** Both legs in one transaction, rows locked in id order, one reference on both. */
  async transfer(auth: AuthContext, dto: TransferDto): Promise<TransferResultDto> {
    const from = { warehouse: dto.from_warehouse_id, location: dto.from_location_id ?? null };
    const to = { warehouse: dto.to_warehouse_id, location: dto.to_location_id ?? null };
    if (from.warehouse === to.warehouse && from.location === to.location) {
      throw ValidationFailed.field('to_warehouse_id', 'Source and destination are the same.');
    }
    await this.items.resolveSlot(auth, dto.product_id, from.warehouse, from.location, 'from_location_id');
    await this.items.resolveSlot(auth, dto.product_id, to.warehouse, to.location, 'to_location_id');
    await this.access.assert(auth, 'inventory.write', from.warehouse);
    await this.access.assert(auth, 'inventory.write', to.warehouse);

    const source = await this.levels.findOne(auth, {
      productId: dto.product_id,
      warehouseId: from.warehouse,
      locationId: from.location === null ? IsNull() : from.location,
    });
    if (!source) throw await this.noSourceRow(auth, dto.product_id, from);
    const destinationId = await this.itemFor(auth, dto.product_id, to.warehouse, to.location);
    await this.ledger.lock(
      auth,
      [source.id, destinationId].sort((a, b) => a - b),
    );

    const reference = `transfer:${randomUUID()}`;
    const reason = dto.reason ?? '';
    await this.ledger.change(auth, source.id, -dto.quantity, { type: 'transfer_out', reason, reference });
    await this.ledger.change(auth, destinationId, dto.quantity, { type: 'transfer_in', reason, reference });
    return { reference, quantity: dto.quantity, from: await this.items.get(auth, source.id), to: await this.items.get(auth, destinationId) };
  }

  /**
   * Why a transfer has nothing to move: stock kept in bins needs the bin named (the error
   * lists them, with what each holds); otherwise the source holds none of the product.
   */
  private async noSourceRow(auth: AuthContext, productId: number, from: { warehouse: number; location: number | null }): Promise<Error> {
    if (from.location === null) {
      const binned = await this.items.binsHolding(auth, productId, from.warehouse);
      if (binned.length > 0) {
        const bins = binned.map((s) => `${s.location?.code ?? s.locationId} (from_location_id ${s.locationId}, ${s.available} available)`);
        return ValidationFailed.field('from_location_id', `This warehouse keeps the product in bins; name the bin to move from: ${bins.join(', ')}.`);
      }
    }
    return new InsufficientStock(`The source holds none of this product${from.location === null ? ' outside bins' : ' in that bin'}.`);
  }

  /** The id of the item for a slot, created empty if it does not exist. */
  private async itemFor(auth: AuthContext, productId: number, warehouseId: number, locationId: number | null): Promise<number> {
    const qb = this.levels.query(auth, 's').andWhere('s.product_id = :productId and s.warehouse_id = :warehouseId', { productId, warehouseId });
    qb.andWhere(locationId === null ? 's.location_id is null' : 's.location_id = :locationId', { locationId });
    const existing = await qb.getOne();
    if (existing) return existing.id;
    await this.items.resolveSlot(auth, productId, warehouseId, locationId);
    try {
      return (await this.ledger.create(auth, { productId, warehouseId, locationId }, 0)).id;
    } catch (err) {
      // Created by a concurrent request in between: use theirs.
      const raced = await qb.getOne();
      if (raced) return raced.id;
      throw err;
    }
  }
}
