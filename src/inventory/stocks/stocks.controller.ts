import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page, PageOf, toPage } from '../../common/http/pagination';
import { StocksQueryDto, WhippyStockDto } from './stocks.dto';
import { StocksService } from './stocks.service';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('stocks')
export class StocksController {
  constructor(private readonly stocks: StocksService) {}

  @Get()
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'Stock by SKU, provider (warehouse) and location' })
  @ApiOkResponse({ type: PageOf(WhippyStockDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: StocksQueryDto, @Req() req: FastifyRequest): Promise<Page<WhippyStockDto>> {
    const { count, results } = await this.stocks.list(auth, query);
    return toPage(req, query, count, results);
  }
}
