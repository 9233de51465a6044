import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { CreatesResource } from '../common/http/location';
import { ListQuery, PageOf, toCursorPage, toPage } from '../common/http/pagination';
import type { Page } from '../common/http/pagination';
import { CreateStockListDto, StockListDto, StockListStockDto, StockListStocksQueryDto, UpdateStockListDto } from './dto/stock-list.dto';
import { StockListsService } from './stock-lists.service';

@ApiTags('stock lists')
@ApiBearerAuth()
@Controller('stock-lists')
export class StockListsController {
  constructor(private readonly stockLists: StockListsService) {}

  @Get()
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: "Stock lists: each channel's published stock, by a rule" })
  @ApiOkResponse({ type: PageOf(StockListDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<StockListDto>> {
    const { count, results } = await this.stockLists.listLists(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Create a stock list' })
  @ApiCreatedResponse({ type: StockListDto })
  @ApiErrors(400, 401, 404, 409)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStockListDto): Promise<StockListDto> {
    return this.stockLists.createList(auth, dto);
  }

  @Get(':id')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'A stock list' })
  @ApiOkResponse({ type: StockListDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<StockListDto> {
    return this.stockLists.getList(auth, id);
  }

  @Patch(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Rename a stock list, change its code or its rule' })
  @ApiOkResponse({ type: StockListDto })
  @ApiErrors(400, 401, 404, 409)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateStockListDto): Promise<StockListDto> {
    return this.stockLists.updateList(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Remove a stock list (409 while marketplace connections sell by it)' })
  @ApiNoContentResponse()
  @ApiErrors(401, 404, 409)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    await this.stockLists.removeList(auth, id);
  }

  @Get(':id/stocks')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: "What the channel may sell, per SKU, live: available stock in the rule's locations less safety stock, never negative" })
  @ApiOkResponse({ type: PageOf(StockListStockDto) })
  @ApiErrors(400, 401, 404)
  async stocks(
    @CurrentAuth() auth: AuthContext,
    @Param('id', IdPipe) id: number,
    @Query() query: StockListStocksQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<Page<StockListStockDto>> {
    const { count, results } = await this.stockLists.stocks(auth, id, query);
    return query.cursor === undefined ? toPage(req, query, count, results) : toCursorPage(req, query, count, results, (row) => row.product_id);
  }
}
