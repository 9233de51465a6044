import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { RequirePermission } from '../access/access.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { CheckCodeDto, CheckCodeResultDto } from './dto/check-code.dto';
import { WarehouseCreatedDto, WarehouseDto } from './dto/warehouse.dto';
import { CreateWarehouseDto, ReplaceWarehouseDto, UpdateWarehouseDto } from './dto/warehouse-input.dto';
import { WarehouseListQueryDto } from './dto/warehouse-list.query.dto';
import { WarehousesService } from './warehouses.service';
import { CreatesResource } from '../common/http/location';

export const WarehousePage = PageOf(WarehouseDto);

/** Warehouses: list, create, read, change and deactivate, with their settings. */
@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('masterdata/warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: "List the company's warehouses" })
  @ApiOkResponse({ type: WarehousePage })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: WarehouseListQueryDto, @Req() req: FastifyRequest): Promise<Page<WarehouseDto>> {
    const { count, results } = await this.warehouses.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource(undefined, (body) => (body as { warehouse?: { id?: number } }).warehouse?.id)
  @RequirePermission('warehouses.write')
  @ApiOperation({ summary: 'Create a warehouse' })
  @ApiCreatedResponse({ type: WarehouseCreatedDto })
  @ApiErrors(400, 401)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWarehouseDto): Promise<WarehouseCreatedDto> {
    return { warehouse: await this.warehouses.create(auth, dto), message: 'Warehouse created successfully.' };
  }

  @Get('check-code')
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'Whether a warehouse code is taken (query parameters)' })
  @ApiOkResponse({ type: CheckCodeResultDto })
  @ApiErrors(400, 401, 404)
  checkCodeByQuery(@CurrentAuth() auth: AuthContext, @Query() dto: CheckCodeDto): Promise<CheckCodeResultDto> {
    return this.warehouses.checkCode(auth, dto);
  }

  @Post('check-code')
  @HttpCode(200)
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'Whether a warehouse code is taken' })
  @ApiOkResponse({ type: CheckCodeResultDto })
  @ApiErrors(400, 401, 404)
  checkCode(@CurrentAuth() auth: AuthContext, @Body() dto: CheckCodeDto): Promise<CheckCodeResultDto> {
    return this.warehouses.checkCode(auth, dto);
  }

  @Get(':id')
  @RequirePermission('warehouses.read')
  @ApiOperation({ summary: 'A warehouse' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<WarehouseDto> {
    return this.warehouses.get(auth, id);
  }

  @Put(':id')
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Replace a warehouse (code and name required)' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(400, 401, 404)
  replace(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: ReplaceWarehouseDto): Promise<WarehouseDto> {
    return this.warehouses.update(auth, id, dto);
  }

  @Patch(':id')
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Update some fields of a warehouse' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateWarehouseDto): Promise<WarehouseDto> {
    return this.warehouses.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('warehouses.write', 'warehouse')
  @ApiOperation({ summary: 'Delete a warehouse' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.warehouses.remove(auth, id);
  }
}
