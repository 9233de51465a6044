import { Global, Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { OutboxEvent } from './event.entity';
import { EventWriter } from './event-writer';
import { EventsController } from './events.controller';
import { OutboxRepository } from './outbox.repository';

/** The outbox, for every domain that emits events. */
@Global()
@Module({
  controllers: [EventsController],
  providers: [EventWriter, OutboxRepository, TenantRepository.for(OutboxEvent)],
  exports: [EventWriter],
})
export class EventsModule {}
