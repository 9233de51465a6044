import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { Order } from '../orders/entities/order.entity';
import { OrdersModule } from '../orders/orders.module';
import { Shipment } from './shipment.entity';
import { ShippingController } from './shipping.controller';
import { ShippingRepository } from './shipping.repository';
import { ShippingService } from './shipping.service';

@Module({
  imports: [OrdersModule],
  controllers: [ShippingController],
  providers: [ShippingService, ShippingRepository, TenantRepository.for(Shipment), TenantRepository.for(Order)],
})
export class ShippingModule {}
