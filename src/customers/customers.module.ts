import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { Order } from '../orders/entities/order.entity';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { Customer } from './entities/customer.entity';

@Module({
  controllers: [CustomersController],
  providers: [CustomersService, CustomersRepository, TenantRepository.for(Customer), TenantRepository.for(Order)],
  exports: [CustomersService],
})
export class CustomersModule {}
