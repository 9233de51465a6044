import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ShippingController } from './shipping.controller';
import { ShippingService } from './shipping.service';

@Module({ imports: [OrdersModule], controllers: [ShippingController], providers: [ShippingService] })
export class ShippingModule {}
