import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page, PageOf, toPage } from '../../common/http/pagination';
import { AdjustmentDto, AdjustmentResultDto, MovementDto, MovementListQueryDto, TransferDto, TransferResultDto } from './movement.dto';
import { MovementsService } from './movements.service';
import { CreatesResource } from '../../common/http/location';

/** The stock ledger: adjustments, transfers and the movement history. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class MovementsController {
  constructor(private readonly movements: MovementsService) {}

  @Post('adjustments')
  // The adjustment's effect: the item it changed (the movement itself is in the ledger).
  @CreatesResource('inventory/items/{id}/', (body) => (body as { item?: { id?: number } }).item?.id)
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Add or remove stock with a reason code' })
  @ApiCreatedResponse({ type: AdjustmentResultDto })
  @ApiErrors(400, 401, 404, 409)
  adjust(@CurrentAuth() auth: AuthContext, @Body() dto: AdjustmentDto): Promise<AdjustmentResultDto> {
    return this.movements.adjust(auth, dto);
  }

  @Get('movements')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: 'The ledger, newest first; filter by item, product, warehouse, type, reference, dates' })
  @ApiOkResponse({ type: PageOf(MovementDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: MovementListQueryDto, @Req() req: FastifyRequest): Promise<Page<MovementDto>> {
    const { count, results } = await this.movements.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post('transfer')
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Move stock between warehouses (or bins) atomically' })
  @ApiCreatedResponse({ type: TransferResultDto })
  @ApiErrors(400, 401, 404, 409)
  transfer(@CurrentAuth() auth: AuthContext, @Body() dto: TransferDto): Promise<TransferResultDto> {
    return this.movements.transfer(auth, dto);
  }
}
