import { Module } from '@nestjs/common';
import { StockCountsController } from './counts/stock-counts.controller';
import { StockCountsService } from './counts/stock-counts.service';
import { ImportProcessor } from './imports/import-processor';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { MovementsController } from './movements/movements.controller';
import { MovementsService } from './movements/movements.service';
import { StockLedger } from './stock-ledger.service';
import { StocksController } from './stocks/stocks.controller';
import { StocksService } from './stocks/stocks.service';

@Module({
  controllers: [ItemsController, MovementsController, StocksController, StockCountsController, ImportsController],
  providers: [StockLedger, ItemsService, MovementsService, StocksService, StockCountsService, ImportsService, ImportProcessor],
  exports: [StockLedger, ItemsService],
})
export class InventoryModule {}
