import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { StockLocation } from '../warehouses/locations/stock-location.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { StockListRule } from './entities/stock-list-rule.entity';
import { StockList } from './entities/stock-list.entity';
import { StockListRulesController } from './stock-list-rules.controller';
import { StockListsController } from './stock-lists.controller';
import { StockListsRepository } from './stock-lists.repository';
import { StockListsService } from './stock-lists.service';

/** Document 000's stock lists: per-channel sellable stock computed by rules. */
@Module({
  controllers: [StockListRulesController, StockListsController],
  providers: [
    StockListsService,
    StockListsRepository,
    TenantRepository.for(StockListRule),
    TenantRepository.for(StockList),
    TenantRepository.for(Warehouse),
    TenantRepository.for(StockLocation),
  ],
  exports: [StockListsService],
})
export class StockListsModule {}
