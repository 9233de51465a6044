import { MarketplaceConnection } from '../marketplace/entities/marketplace-connection.entity';
import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { InventoryModule } from '../inventory/inventory.module';
import { PaymentTransaction } from '../payments/payment.entities';
import { Product } from '../products/entities/product.entity';
import { Shipment } from '../shipping/shipment.entity';
import { Order, OrderEvent, OrderLine } from './entities/order.entity';
import { OrderPlacementRepository } from './order-placement.repository';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [InventoryModule],
  controllers: [OrdersController],
  providers: [
    OrdersService,
    OrdersRepository,
    OrderPlacementRepository,
    ...[Order, OrderLine, OrderEvent, Product, PaymentTransaction, Shipment, StockLevel, MarketplaceConnection].map((entity) => TenantRepository.for(entity)),
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
