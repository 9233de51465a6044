import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { Order } from '../orders/entities/order.entity';
import { PaymentGateway, PaymentTransaction } from './payment.entities';
import { PaymentsController } from './payments.controller';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { SecretBox } from '../common/secrets/secret-box';
import { StripeClient } from './stripe.client';

@Module({
  controllers: [PaymentsController],
  providers: [
    PaymentsService,
    PaymentsRepository,
    SecretBox,
    StripeClient,
    TenantRepository.for(PaymentGateway),
    TenantRepository.for(PaymentTransaction),
    TenantRepository.for(Order),
  ],
  exports: [SecretBox],
})
export class PaymentsModule {}
