import { Global, Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { OutboxEvent } from './event.entity';
import { EventWriter } from './event-writer';
import { EventsController } from './events.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxSignal } from './outbox-signal';
import { EventsFeedRepository } from './events-feed.repository';
import { EventsFeedService } from './events-feed.service';

/** The outbox, for every domain that emits events. */
@Global()
@Module({
  controllers: [EventsController],
  providers: [EventWriter, OutboxRepository, OutboxSignal, EventsFeedRepository, EventsFeedService, TenantRepository.for(OutboxEvent)],
  exports: [EventWriter, OutboxSignal],
})
export class EventsModule {}
