import { Module } from '@nestjs/common';
import { InventoryWarehousesController } from './inventory-warehouses.controller';
import { StockLocationsController, WarehouseLocationsController } from './locations/stock-locations.controller';
import { StockLocationsService } from './locations/stock-locations.service';
import { WarehousesController } from './warehouses.controller';
import { WarehousesService } from './warehouses.service';

@Module({
  controllers: [WarehousesController, InventoryWarehousesController, StockLocationsController, WarehouseLocationsController],
  providers: [WarehousesService, StockLocationsService],
  exports: [WarehousesService],
})
export class WarehousesModule {}
