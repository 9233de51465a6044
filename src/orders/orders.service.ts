import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { NotFound } from '../common/errors/app-error';
import { EventWriter } from '../events/event-writer';
import { InsufficientStock } from '../inventory/inventory.errors';
import { StockLedger } from '../inventory/stock-ledger.service';
import { CreateOrderDto, OrderDto, OrderItemInputDto, OrderListQueryDto, OrderNoteDto, OrderStatusUpdateDto } from './dto/order.dto';
import { Order } from './entities/order.entity';
import { OrderPlacementRepository } from './order-placement.repository';
import { canTransition, InvalidStatusTransition } from './order-status';
import { toOrderEventData, toOrderDto, toOrderNoteDto, toPlacedOrderDto } from './orders.mapper';
import { OrdersRepository } from './orders.repository';

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly placement: OrderPlacementRepository,
    private readonly ledger: StockLedger,
    private readonly events: EventWriter,
  ) {}

  async list(auth: AuthContext, query: OrderListQueryDto): Promise<{ count: number; results: OrderDto[] }> {
    const [rows, count] = await this.orders.page(auth, query);
    return { count, results: await this.toDtos(auth, rows) };
  }

  /** One order, as a read request's whole work: the read also ends the request's transaction. */
  async show(auth: AuthContext, id: number): Promise<OrderDto> {
    const found = await this.orders.lastReadWithDetails(auth, id);
    if (!found) throw new NotFound('Order not found.');
    return toOrderDto(found.order, found.relations);
  }

  async get(auth: AuthContext, id: number): Promise<OrderDto> {
    return (await this.toDtos(auth, [await this.load(auth, id)]))[0];
  }

  /**
   * Creates the order and reserves every line in one transaction: lines are reserved in
   * stock-row id order, each with one conditional UPDATE. If any line cannot be covered the
   * whole order fails with 409 INSUFFICIENT_STOCK naming the lines, and nothing is reserved.
   */
  async create(auth: AuthContext, dto: CreateOrderDto): Promise<OrderDto> {
    if (dto.channel_connection_id !== undefined && !(await this.orders.hasChannel(auth, dto.channel_connection_id))) {
      throw new NotFound('Marketplace connection not found.');
    }
    const placed = await this.placement.place(
      auth,
      {
        customerId: dto.customer_id,
        shippingAddress: dto.shipping_address ?? null,
        billingAddress: dto.billing_address ?? null,
        notes: dto.notes || null,
        channelConnectionId: dto.channel_connection_id ?? null,
      },
      dto.items,
    );
    if (!placed.customer) throw new NotFound('Customer not found.');
    const products = new Map(placed.products.map((p) => [p.id, p]));
    const missingProduct = dto.items.find((i) => !products.has(i.product_id));
    if (missingProduct) throw new NotFound(`Product ${missingProduct.product_id} not found.`);
    const missingWarehouse = dto.items.find((i) => i.warehouse_id !== undefined && !placed.warehouses.includes(i.warehouse_id));
    if (missingWarehouse) throw new NotFound(`Warehouse ${missingWarehouse.warehouse_id} not found.`);

    const uncovered: Record<string, string[]> = {};
    const uncover = (index: number, item: OrderItemInputDto) => {
      uncovered[`items[${index}]`] = [`Not enough stock of ${products.get(item.product_id)!.sku} for ${item.quantity}.`];
    };
    dto.items.forEach((item, index) => placed.candidates[index].length === 0 && uncover(index, item));
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    const { written } = placed;
    if (!written) throw new Error('The order was not written although every check passed');

    // The lines as the statement wrote them: each on its first candidate.
    const lines = dto.items.map((item, index) => ({
      productId: item.product_id,
      warehouseId: placed.candidates[index][0].warehouse_id,
      stockLevelId: placed.candidates[index][0].id,
      quantity: item.quantity,
      unitPrice: item.unit_price === undefined ? products.get(item.product_id)!.price : item.unit_price.toFixed(2),
    }));
    const answer = toPlacedOrderDto(auth, dto, lines, written, products);

    // Reserve in stock-row id order (deadlock-free), each line from the first of its
    // candidates that still covers it. The last reservation is sent with the COMMIT, so the
    // hot row's lock lasts only as long as PostgreSQL's own work.
    const reference = `order:${written.id}`;
    const byRow = dto.items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => lines[a.index].stockLevelId - lines[b.index].stockLevelId || a.index - b.index);
    const reservation = ({ item, index }: (typeof byRow)[number]) => ({
      candidates: placed.candidates[index].map((c) => c.id),
      quantity: item.quantity,
      reference,
      lineId: answer.items[index].id,
    });
    for (const line of byRow.slice(0, -1)) {
      const at = await this.placement.reserveLine(auth, reservation(line));
      if (at === null) uncover(line.index, line.item);
      else Object.assign(answer.items[line.index], { warehouse_id: at.warehouseId, location_id: at.locationId });
    }
    if (Object.keys(uncovered).length > 0) throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    const last = byRow[byRow.length - 1];
    const at = await this.placement.reserveLastLineAndCommit(auth, reservation(last));
    if (at === null) {
      uncover(last.index, last.item);
      throw new InsufficientStock('Not enough stock for some lines; nothing was reserved.', uncovered);
    }
    Object.assign(answer.items[last.index], { warehouse_id: at.warehouseId, location_id: at.locationId });
    return answer;
  }

  /** 003's status change, with its stock effects: shipping deducts the reservations, cancelling releases them. */
  async changeStatus(auth: AuthContext, id: number, dto: OrderStatusUpdateDto): Promise<OrderDto> {
    const order = await this.orders.lock(auth, id);
    if (!order) throw new NotFound('Order not found.');
    const from = order.status;
    if (!canTransition(from, dto.status)) throw new InvalidStatusTransition(from, dto.status);
    if (dto.status === 'shipped' || dto.status === 'cancelled') {
      const lines = await this.orders.linesBySlot(auth, id);
      const reference = `order:${id}`;
      for (const line of lines) {
        if (dto.status === 'shipped') await this.ledger.ship(auth, line.stockLevelId, line.quantity, { reference });
        else await this.ledger.release(auth, line.stockLevelId, line.quantity, { reference });
      }
    }
    order.status = dto.status;
    await this.orders.save(auth, order);
    await this.orders.addHistory(auth, { orderId: id, kind: 'status', fromStatus: from, toStatus: dto.status, note: dto.note ?? '', userId: auth.userId });
    const answer = await this.get(auth, id);
    const data = { ...toOrderEventData(answer), previous_status: from };
    if (dto.status === 'cancelled') await this.events.emit(auth, 'order.cancelled', data);
    await this.events.emit(auth, 'order.updated', data);
    return answer;
  }

  async addNote(auth: AuthContext, id: number, note: string): Promise<OrderNoteDto> {
    await this.load(auth, id);
    const event = await this.orders.addHistory(auth, { orderId: id, kind: 'note', note, userId: auth.userId });
    await this.events.emit(auth, 'order.updated', { ...toOrderEventData(await this.get(auth, id)), note_id: event.id });
    return toOrderNoteDto(event);
  }

  private async load(auth: AuthContext, id: number): Promise<Order> {
    const order = await this.orders.findOne(auth, id);
    if (!order) throw new NotFound('Order not found.');
    return order;
  }

  private async toDtos(auth: AuthContext, orders: Order[]): Promise<OrderDto[]> {
    if (orders.length === 0) return [];
    const details = await this.orders.details(
      auth,
      orders.map((o) => o.id),
    );
    return orders.map((o) => toOrderDto(o, details.get(o.id)!));
  }
}
