import { Module } from '@nestjs/common';
import { User } from '../accounts/entities/user.entity';
import { TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { Warehouse } from './entities/warehouse.entity';
import { InventoryWarehousesController } from './inventory-warehouses.controller';
import { StockLocationsController, WarehouseLocationsController } from './locations/stock-locations.controller';
import { StockLocation } from './locations/stock-location.entity';
import { StockLocationsService } from './locations/stock-locations.service';
import { WarehousesController } from './warehouses.controller';
import { WarehousesRepository } from './warehouses.repository';
import { WarehousesService } from './warehouses.service';

@Module({
  controllers: [WarehousesController, InventoryWarehousesController, StockLocationsController, WarehouseLocationsController],
  providers: [
    WarehousesService,
    WarehousesRepository,
    StockLocationsService,
    TenantRepository.for(Warehouse),
    TenantRepository.for(User),
    TenantRepository.for(StockLevel),
    TenantRepository.for(StockLocation),
  ],
  exports: [WarehousesService],
})
export class WarehousesModule {}
