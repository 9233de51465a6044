import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { CreatesResource } from '../common/http/location';
import { ListQuery, PageOf, toPage } from '../common/http/pagination';
import type { Page } from '../common/http/pagination';
import { AnalyticsQueryDto, MarketplaceAnalyticsDto } from './dto/analytics.dto';
import { ConnectionDto, CreateConnectionDto, UpdateConnectionDto } from './dto/connection.dto';
import { ListingDto, ListingListQueryDto, SyncJobDto, SyncRequestDto } from './dto/sync.dto';
import { MarketplaceService } from './marketplace.service';

@ApiTags('marketplace')
@ApiBearerAuth()
@Controller('marketplace')
export class MarketplaceController {
  constructor(private readonly marketplace: MarketplaceService) {}

  @Get('connections')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Marketplace connections (credentials masked)' })
  @ApiOkResponse({ type: PageOf(ConnectionDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<ConnectionDto>> {
    const { count, results } = await this.marketplace.list(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post('connections')
  @CreatesResource()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Connect a marketplace account (credentials checked per platform, sealed at rest, never answered)' })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiErrors(400, 401, 404)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateConnectionDto): Promise<ConnectionDto> {
    return this.marketplace.create(auth, dto);
  }

  @Get('connections/:id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'A marketplace connection' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<ConnectionDto> {
    return this.marketplace.get(auth, id);
  }

  @Patch('connections/:id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Rename, replace credentials, change the stock list or markup, turn on or off' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateConnectionDto): Promise<ConnectionDto> {
    return this.marketplace.update(auth, id, dto);
  }

  @Delete('connections/:id')
  @HttpCode(204)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Remove a connection and its listings (not one orders came through)' })
  @ApiNoContentResponse()
  @ApiErrors(401, 404, 409)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    await this.marketplace.remove(auth, id);
  }

  @Get('connections/:id/listings')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: "The connection's listings: wanted and last pushed price and quantity, status and error" })
  @ApiOkResponse({ type: PageOf(ListingDto) })
  @ApiErrors(400, 401, 404)
  async listings(
    @CurrentAuth() auth: AuthContext,
    @Param('id', IdPipe) id: number,
    @Query() query: ListingListQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<Page<ListingDto>> {
    const { count, results } = await this.marketplace.listings(auth, id, query);
    return toPage(req, query, count, results);
  }

  @Post('products/sync')
  @HttpCode(202)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Sync one product (with a price and quantity of its own) or many to a connection, in the background' })
  @ApiAcceptedResponse({ type: SyncJobDto })
  @ApiErrors(400, 401, 404, 409)
  sync(@CurrentAuth() auth: AuthContext, @Body() dto: SyncRequestDto): Promise<SyncJobDto> {
    return this.marketplace.sync(auth, dto);
  }

  @Get('sync-jobs/:id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: "A sync job's progress and the products the platform refused" })
  @ApiOkResponse({ type: SyncJobDto })
  @ApiErrors(401, 404)
  job(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<SyncJobDto> {
    return this.marketplace.job(auth, id);
  }

  @Get('analytics/:connectionId')
  @RequirePermission('reports.read')
  @ApiOperation({ summary: "A connection's listings and the orders that came through it over a period" })
  @ApiOkResponse({ type: MarketplaceAnalyticsDto })
  @ApiErrors(400, 401, 404)
  analytics(@CurrentAuth() auth: AuthContext, @Param('connectionId', IdPipe) id: number, @Query() query: AnalyticsQueryDto): Promise<MarketplaceAnalyticsDto> {
    return this.marketplace.analytics(auth, id, query);
  }
}
