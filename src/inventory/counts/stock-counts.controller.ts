import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ApiErrors, NoBody } from '../../common/http/api-errors.decorator';
import { IdPipe } from '../../common/http/id.pipe';
import { Page, PageOf, toPage } from '../../common/http/pagination';
import { CreateStockCountDto, StockCountDto, StockCountListQueryDto, UpdateStockCountDto } from './stock-count.dto';
import { StockCountsService } from './stock-counts.service';
import { CreatesResource } from '../../common/http/location';

/** Stock takes and ERP feeds: absolute levels, applied once, compare-and-set. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('stock-counts')
export class StockCountsController {
  constructor(private readonly counts: StockCountsService) {}

  @Get()
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'Stock counts, newest first' })
  @ApiOkResponse({ type: PageOf(StockCountDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: StockCountListQueryDto, @Req() req: FastifyRequest): Promise<Page<StockCountDto>> {
    const { count, results } = await this.counts.list(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Draft a stock count (lines by SKU and warehouse)' })
  @ApiCreatedResponse({ type: StockCountDto })
  @ApiErrors(400, 401)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStockCountDto): Promise<StockCountDto> {
    return this.counts.create(auth, dto);
  }

  @Get(':id')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'A stock count with its lines' })
  @ApiOkResponse({ type: StockCountDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<StockCountDto> {
    return this.counts.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Change a draft (lines, when given, replace all)' })
  @ApiOkResponse({ type: StockCountDto })
  @ApiErrors(400, 401, 404, 409)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateStockCountDto): Promise<StockCountDto> {
    return this.counts.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Delete a draft' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.counts.remove(auth, id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @NoBody()
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Set the counted levels, once; stale expected quantities fail it whole (409)' })
  @ApiOkResponse({ type: StockCountDto })
  @ApiErrors(401, 404, 409)
  apply(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<StockCountDto> {
    return this.counts.apply(auth, id);
  }
}
