import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { ReadsAhead } from '../database/read-ahead';
import { LEVELS_READ_AHEAD, METRICS_READ_AHEAD } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { DashboardMetricsDto, InventoryLevelsDto, SalesDto, SalesQueryDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('metrics')
  @RequirePermission('reports.read')
  @ReadsAhead(METRICS_READ_AHEAD)
  @ApiOperation({ summary: 'Sales, orders, inventory value, low stock and pending orders at a glance' })
  @ApiOkResponse({ type: DashboardMetricsDto })
  @ApiErrors(401)
  metrics(@CurrentAuth() auth: AuthContext): Promise<DashboardMetricsDto> {
    return this.dashboard.metrics(auth);
  }

  @Get('sales')
  @RequirePermission('reports.read')
  @ApiOperation({ summary: 'Sales of a date range by day, week or month, every period present' })
  @ApiOkResponse({ type: SalesDto })
  @ApiErrors(400, 401)
  sales(@CurrentAuth() auth: AuthContext, @Query() query: SalesQueryDto): Promise<SalesDto> {
    return this.dashboard.sales(auth, query);
  }

  @Get('inventory-levels')
  @RequirePermission('reports.read')
  @ReadsAhead(LEVELS_READ_AHEAD)
  @ApiOperation({ summary: 'Stock quantities, value, low and out-of-stock rows per warehouse and per category' })
  @ApiOkResponse({ type: InventoryLevelsDto })
  @ApiErrors(401)
  inventoryLevels(@CurrentAuth() auth: AuthContext): Promise<InventoryLevelsDto> {
    return this.dashboard.inventoryLevels(auth);
  }
}
