import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdPipe } from '../../common/http/id.pipe';
import { ReadsAhead } from '../../database/read-ahead';
import { ListQuery, Page, PageOf, toCursorPage, toPage } from '../../common/http/pagination';
import { BulkUpdateDto, BulkUpdateResultDto, CreateItemDto, InventoryItemDto, ItemListQueryDto, UpdateItemDto } from './item.dto';
import { ITEM_READ_AHEAD } from './items.repository';
import { ItemsService } from './items.service';
import { CreatesResource } from '../../common/http/location';

const ItemPage = PageOf(InventoryItemDto);

/** Document 003's inventory items: stock of a product in a warehouse. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get('items')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'Inventory items (stock per product, warehouse and bin), filtered and ordered' })
  @ApiOkResponse({ type: ItemPage })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ItemListQueryDto, @Req() req: FastifyRequest): Promise<Page<InventoryItemDto>> {
    const { count, results } = await this.items.list(auth, query);
    return query.cursor === undefined ? toPage(req, query, count, results) : toCursorPage(req, query, count, results);
  }

  @Post('items')
  @CreatesResource()
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Start stocking a product in a warehouse (and bin)' })
  @ApiCreatedResponse({ type: InventoryItemDto })
  @ApiErrors(400, 401, 404, 409)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateItemDto): Promise<InventoryItemDto> {
    return this.items.create(auth, dto);
  }

  @Get('items/:id')
  @RequirePermission('inventory.read')
  @ReadsAhead(ITEM_READ_AHEAD)
  @ApiOperation({ summary: 'An inventory item' })
  @ApiOkResponse({ type: InventoryItemDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<InventoryItemDto> {
    return this.items.show(auth, id);
  }

  @Patch('items/:id')
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Set the quantity or the min/max levels (quantity changes go to the ledger)' })
  @ApiOkResponse({ type: InventoryItemDto })
  @ApiErrors(400, 401, 404, 409)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateItemDto): Promise<InventoryItemDto> {
    return this.items.update(auth, id, dto);
  }

  @Post('bulk-update')
  @HttpCode(200)
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Update up to 1000 items at once, all or nothing' })
  @ApiOkResponse({ type: BulkUpdateResultDto })
  @ApiErrors(400, 401, 404, 409)
  bulkUpdate(@CurrentAuth() auth: AuthContext, @Body() dto: BulkUpdateDto): Promise<BulkUpdateResultDto> {
    return this.items.bulkUpdate(auth, dto);
  }

  @Get('alerts')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'Low and out-of-stock items, most urgent first' })
  @ApiOkResponse({ type: ItemPage })
  @ApiErrors(400, 401)
  async alerts(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<InventoryItemDto>> {
    const { count, results } = await this.items.alerts(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }
}
