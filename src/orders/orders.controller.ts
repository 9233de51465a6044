import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { ReadsAhead } from '../database/read-ahead';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { CreateOrderDto, OrderDto, OrderListQueryDto, OrderNoteDto, OrderNoteInputDto, OrderStatusUpdateDto } from './dto/order.dto';
import { ORDER_READ_AHEAD } from './orders.repository';
import { OrdersService } from './orders.service';
import { CreatesResource } from '../common/http/location';

/** Document 003's orders. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @CreatesResource()
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Create an order, reserving stock for every line (all or nothing)' })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiErrors(400, 401, 404, 409)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateOrderDto): Promise<OrderDto> {
    return this.orders.create(auth, dto);
  }

  @Get()
  @RequirePermission('orders.read')
  @ApiOperation({ summary: 'Orders, newest first, filtered by status, customer, product, warehouse, dates and totals' })
  @ApiOkResponse({ type: PageOf(OrderDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: OrderListQueryDto, @Req() req: FastifyRequest): Promise<Page<OrderDto>> {
    const { count, results } = await this.orders.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Get(':id')
  @RequirePermission('orders.read')
  @ReadsAhead(ORDER_READ_AHEAD)
  @ApiOperation({ summary: 'An order with its lines, notes and status history' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.orders.show(auth, id);
  }

  @Patch(':id/status')
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Move an order along its flow; shipping deducts stock, cancelling releases it' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(400, 401, 404, 409)
  changeStatus(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: OrderStatusUpdateDto): Promise<OrderDto> {
    return this.orders.changeStatus(auth, id, dto);
  }

  @Post(':id/notes')
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Add a note to an order' })
  @ApiCreatedResponse({ type: OrderNoteDto })
  @ApiErrors(400, 401, 404)
  addNote(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: OrderNoteInputDto): Promise<OrderNoteDto> {
    return this.orders.addNote(auth, id, dto.note);
  }
}
