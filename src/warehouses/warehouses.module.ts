import { Module } from '@nestjs/common';
import { InventoryWarehousesController } from './inventory-warehouses.controller';
import { WarehousesController } from './warehouses.controller';
import { WarehousesService } from './warehouses.service';

@Module({
  controllers: [WarehousesController, InventoryWarehousesController],
  providers: [WarehousesService],
  exports: [WarehousesService],
})
export class WarehousesModule {}
