import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { RequirePermission } from '../access/access.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, toPage } from '../common/http/pagination';
import { WarehouseCreatedDto, WarehouseDto } from './dto/warehouse.dto';
import { CreateWarehouseDto } from './dto/warehouse-input.dto';
import { WarehouseListQueryDto } from './dto/warehouse-list.query.dto';
import { WarehousePage } from './warehouses.controller';
import { WarehousesService } from './warehouses.service';

/** Document 003's path for the same resource (`code` optional, `location` and `capacity`). */
@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('warehouses')
export class InventoryWarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'List warehouses (document 003 path)' })
  @ApiOkResponse({ type: WarehousePage })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: WarehouseListQueryDto, @Req() req: FastifyRequest): Promise<Page<WarehouseDto>> {
    const { count, results } = await this.warehouses.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @RequirePermission('warehouses.write')
  @ApiOperation({ summary: 'Create a warehouse (document 003 path; code generated when omitted)' })
  @ApiCreatedResponse({ type: WarehouseCreatedDto })
  @ApiErrors(400, 401)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWarehouseDto): Promise<WarehouseCreatedDto> {
    return { warehouse: await this.warehouses.create(auth, dto), message: 'Warehouse created successfully.' };
  }

  @Get(':id')
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'A warehouse (document 003 path)' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<WarehouseDto> {
    return this.warehouses.get(auth, id);
  }
}
