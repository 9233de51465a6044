import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { SecretBox } from './secret-box';
import { StripeClient } from './stripe.client';

@Module({ controllers: [PaymentsController], providers: [PaymentsService, SecretBox, StripeClient] })
export class PaymentsModule {}
