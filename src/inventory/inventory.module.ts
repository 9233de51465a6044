import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { Product } from '../products/entities/product.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { StockLocation } from '../warehouses/locations/stock-location.entity';
import { StockCountsController } from './counts/stock-counts.controller';
import { StockCountsService } from './counts/stock-counts.service';
import { ImportJob } from './entities/import-job.entity';
import { StockCount, StockCountLine } from './entities/stock-count.entity';
import { StockLevel } from './entities/stock-level.entity';
import { StockMovement } from './entities/stock-movement.entity';
import { ImportProcessor } from './imports/data/import-processor';
import { ImportsController } from './imports/imports.controller';
import { ImportsRepository } from './imports/imports.repository';
import { ImportsService } from './imports/imports.service';
import { ItemsController } from './items/items.controller';
import { ItemsRepository } from './items/items.repository';
import { ItemsService } from './items/items.service';
import { MovementsController } from './movements/movements.controller';
import { MovementsRepository } from './movements/movements.repository';
import { MovementsService } from './movements/movements.service';
import { StockLedgerRepository } from './stock-ledger.repository';
import { StockLedger } from './stock-ledger.service';
import { StocksController } from './stocks/stocks.controller';
import { StocksRepository } from './stocks/stocks.repository';
import { StocksService } from './stocks/stocks.service';

@Module({
  controllers: [ItemsController, MovementsController, StocksController, StockCountsController, ImportsController],
  providers: [
    StockLedger,
    StockLedgerRepository,
    ItemsService,
    ItemsRepository,
    MovementsService,
    MovementsRepository,
    StocksService,
    StocksRepository,
    StockCountsService,
    ImportsService,
    ImportsRepository,
    ImportProcessor,
    ...[StockLevel, StockMovement, StockCount, StockCountLine, ImportJob, Product, Warehouse, StockLocation].map((entity) => TenantRepository.for(entity)),
  ],
  exports: [StockLedger, ItemsService],
})
export class InventoryModule {}
