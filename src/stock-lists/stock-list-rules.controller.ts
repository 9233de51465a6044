import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { CreatesResource } from '../common/http/location';
import { ListQuery, PageOf, toPage } from '../common/http/pagination';
import type { Page } from '../common/http/pagination';
import { CreateStockListRuleDto, StockListRuleDto, UpdateStockListRuleDto } from './dto/stock-list.dto';
import { StockListsService } from './stock-lists.service';

@ApiTags('stock lists')
@ApiBearerAuth()
@Controller('stock-list-rules')
export class StockListRulesController {
  constructor(private readonly stockLists: StockListsService) {}

  @Get()
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'Stock-list rules: which warehouses and bins a channel sells from, less safety stock' })
  @ApiOkResponse({ type: PageOf(StockListRuleDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<StockListRuleDto>> {
    const { count, results } = await this.stockLists.listRules(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Define a stock-list rule' })
  @ApiCreatedResponse({ type: StockListRuleDto })
  @ApiErrors(400, 401, 404)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStockListRuleDto): Promise<StockListRuleDto> {
    return this.stockLists.createRule(auth, dto);
  }

  @Get(':id')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'A stock-list rule' })
  @ApiOkResponse({ type: StockListRuleDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<StockListRuleDto> {
    return this.stockLists.getRule(auth, id);
  }

  @Patch(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Change a stock-list rule (its lists publish by the new rule at once)' })
  @ApiOkResponse({ type: StockListRuleDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateStockListRuleDto): Promise<StockListRuleDto> {
    return this.stockLists.updateRule(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Remove a stock-list rule no stock list uses' })
  @ApiNoContentResponse()
  @ApiErrors(401, 404, 409)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    await this.stockLists.removeRule(auth, id);
  }
}
