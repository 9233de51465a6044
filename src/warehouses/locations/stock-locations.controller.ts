import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdPipe } from '../../common/http/id.pipe';
import { Page, PageOf, toPage } from '../../common/http/pagination';
import { CreateStockLocationDto, CreateWarehouseLocationDto, StockLocationDto, StockLocationListQueryDto, UpdateStockLocationDto } from './stock-location.dto';
import { StockLocationsService } from './stock-locations.service';
import { CreatesResource } from '../../common/http/location';

const StockLocationPage = PageOf(StockLocationDto);

/** Document 000's stock locations (bins or areas of a warehouse, the "provider"). */
@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('stock-locations')
export class StockLocationsController {
  constructor(private readonly locations: StockLocationsService) {}

  @Get()
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'List stock locations (filter by provider = warehouse id)' })
  @ApiOkResponse({ type: StockLocationPage })
  @ApiErrors(400, 401, 404)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: StockLocationListQueryDto, @Req() req: FastifyRequest): Promise<Page<StockLocationDto>> {
    const { count, results } = await this.locations.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource('stock-locations/{id}/')
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Create a stock location in a warehouse (provider)' })
  @ApiCreatedResponse({ type: StockLocationDto })
  @ApiErrors(400, 401, 404)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStockLocationDto): Promise<StockLocationDto> {
    return this.locations.create(auth, dto.provider, dto);
  }

  @Get(':id')
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'A stock location' })
  @ApiOkResponse({ type: StockLocationDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<StockLocationDto> {
    return this.locations.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Rename, recode or deactivate a stock location' })
  @ApiOkResponse({ type: StockLocationDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateStockLocationDto): Promise<StockLocationDto> {
    return this.locations.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Delete a stock location that holds no stock records (409 otherwise)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.locations.remove(auth, id);
  }
}

/** The same locations under their warehouse (004's masterdata path). */
@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('masterdata/warehouses/:warehouseId/locations')
export class WarehouseLocationsController {
  constructor(private readonly locations: StockLocationsService) {}

  @Get()
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'The stock locations of a warehouse' })
  @ApiOkResponse({ type: StockLocationPage })
  @ApiErrors(400, 401, 404)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('warehouseId', IdPipe) warehouseId: number,
    @Query() query: StockLocationListQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<Page<StockLocationDto>> {
    const { count, results } = await this.locations.list(auth, { ...query, provider: warehouseId });
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource('stock-locations/{id}/')
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Create a stock location in this warehouse' })
  @ApiCreatedResponse({ type: StockLocationDto })
  @ApiErrors(400, 401, 404)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('warehouseId', IdPipe) warehouseId: number,
    @Body() dto: CreateWarehouseLocationDto,
  ): Promise<StockLocationDto> {
    return this.locations.create(auth, warehouseId, dto);
  }
}
