import { Module } from '@nestjs/common';
import { SecretBox } from '../common/secrets/secret-box';
import { TenantRepository } from '../database/tenant-repository';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { RelayRepository } from './relay/relay.repository';
import { WebhookRelay } from './relay/webhook-relay';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints and the relay that delivers the outbox to them. */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhooksRepository,
    RelayRepository,
    WebhookRelay,
    SecretBox,
    TenantRepository.for(WebhookEndpoint),
    TenantRepository.for(WebhookDelivery),
  ],
})
export class WebhooksModule {}
