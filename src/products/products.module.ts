import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { Product } from './entities/product.entity';
import { ProductsController } from './products.controller';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';

@Module({
  controllers: [ProductsController],
  providers: [ProductsService, ProductsRepository, TenantRepository.for(Product), TenantRepository.for(StockLevel)],
  exports: [ProductsService],
})
export class ProductsModule {}
