import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { ValidationFailed } from '../../common/errors/app-error';
import { InsufficientStock, StockItemNotFound } from '../inventory.errors';
import { ItemsService } from '../items/items.service';
import { StockLedger } from '../stock-ledger.service';
import { AdjustmentDto, AdjustmentResultDto, MovementDto, MovementListQueryDto, TransferDto, TransferResultDto } from './movement.dto';
import { toMovementDto } from './movements.mapper';
import { MovementsRepository } from './movements.repository';

@Injectable()
export class MovementsService {
  constructor(
    private readonly movements: MovementsRepository,
    private readonly ledger: StockLedger,
    private readonly items: ItemsService,
    private readonly access: AccessService,
  ) {}

  async list(auth: AuthContext, query: MovementListQueryDto): Promise<{ count: number; results: MovementDto[] }> {
    if (query.ordering && !['created_at', '-created_at', 'id', '-id'].includes(query.ordering)) {
      throw ValidationFailed.field('ordering', 'Invalid ordering field. Allowed: created_at, -created_at, id, -id.');
    }
    const direction = query.ordering?.startsWith('-') === false ? 'ASC' : 'DESC';
    const [rows, count] = await this.movements.page(auth, query, direction);
    return { count, results: rows.map(toMovementDto) };
  }

  /** A delta with a reason code; adding to a product not yet stocked there creates its item. */
  async adjust(auth: AuthContext, dto: AdjustmentDto): Promise<AdjustmentResultDto> {
    const levelId = dto.item_id ?? (await this.itemFor(auth, dto.product_id!, dto.warehouse_id!, dto.location_id ?? null));
    const level = await this.movements.level(auth, levelId);
    if (!level) throw new StockItemNotFound();
    await this.access.assert(auth, 'inventory.write', level.warehouseId);
    await this.ledger.change(auth, levelId, dto.delta, { type: 'adjustment', reason: dto.reason, reference: dto.reference });
    const movement = await this.movements.latestOf(auth, levelId);
    return { movement: toMovementDto(movement!), item: await this.items.get(auth, levelId) };
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

    const sourceId = await this.ledger.find(auth, { productId: dto.product_id, warehouseId: from.warehouse, locationId: from.location });
    if (sourceId === undefined) throw await this.noSourceRow(auth, dto.product_id, from);
    const destinationId = await this.itemFor(auth, dto.product_id, to.warehouse, to.location);
    await this.ledger.lock(
      auth,
      [sourceId, destinationId].sort((a, b) => a - b),
    );

    const reference = `transfer:${randomUUID()}`;
    const reason = dto.reason ?? '';
    await this.ledger.change(auth, sourceId, -dto.quantity, { type: 'transfer_out', reason, reference });
    await this.ledger.change(auth, destinationId, dto.quantity, { type: 'transfer_in', reason, reference });
    return { reference, quantity: dto.quantity, from: await this.items.get(auth, sourceId), to: await this.items.get(auth, destinationId) };
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

  /** The id of the item for a slot, created empty (once the slot is checked) if it does not exist. */
  private itemFor(auth: AuthContext, productId: number, warehouseId: number, locationId: number | null): Promise<number> {
    return this.ledger.rowFor(auth, { productId, warehouseId, locationId }, () => this.items.resolveSlot(auth, productId, warehouseId, locationId));
  }
}
