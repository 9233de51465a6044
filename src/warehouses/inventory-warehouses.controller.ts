import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WarehousesController } from './warehouses.controller';

/**
 * Document 003's path for the same resource (`warehouses/`): the same handlers as 004's
 * `masterdata/warehouses/` (`code` may be omitted there too; `location` and `capacity` work).
 */
@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('warehouses')
export class InventoryWarehousesController extends WarehousesController {}
