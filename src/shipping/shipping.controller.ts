import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { AnalyticsQueryDto, CreateShipmentDto, ShipmentDto, ShipmentListQueryDto, ShippingAnalyticsDto, UpdateShipmentDto } from './dto/shipment.dto';
import { ShippingService } from './shipping.service';
import { CreatesResource } from '../common/http/location';

/** Document 003's shipping. */
@ApiTags('shipping')
@ApiBearerAuth()
@Controller('shipping')
export class ShippingController {
  constructor(private readonly shipping: ShippingService) {}

  @Post()
  @CreatesResource()
  @RequirePermission('shipping.write')
  @ApiOperation({ summary: 'Record a shipment (a confirmed or processing order moves to shipped)' })
  @ApiCreatedResponse({ type: ShipmentDto })
  @ApiErrors(400, 401, 404, 409)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateShipmentDto): Promise<ShipmentDto> {
    return this.shipping.create(auth, dto);
  }

  @Get()
  @RequirePermission('shipping.read')
  @ApiOperation({ summary: 'Shipments, newest first' })
  @ApiOkResponse({ type: PageOf(ShipmentDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ShipmentListQueryDto, @Req() req: FastifyRequest): Promise<Page<ShipmentDto>> {
    const { count, results } = await this.shipping.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Get('analytics')
  @RequirePermission('shipping.read')
  @ApiOperation({ summary: 'Shipments, on-time rate and cost by carrier over 7d, 30d, 90d or 365d' })
  @ApiOkResponse({ type: ShippingAnalyticsDto })
  @ApiErrors(400, 401)
  analytics(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<ShippingAnalyticsDto> {
    return this.shipping.analytics(auth, query.period ?? '30d');
  }

  @Get(':id')
  @RequirePermission('shipping.read')
  @ApiOperation({ summary: 'A shipment' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<ShipmentDto> {
    return this.shipping.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('shipping.write')
  @ApiOperation({ summary: 'Mark a shipment in transit or delivered' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateShipmentDto): Promise<ShipmentDto> {
    return this.shipping.update(auth, id, dto);
  }
}
