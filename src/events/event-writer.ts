import { Injectable } from '@nestjs/common';
import type { TenantKey } from '../database/tenant-key';
import type { EventType } from './event-types';
import { OutboxRepository } from './outbox.repository';

/**
 * Writes an event into the outbox in the caller's transaction: it exists if and only if the
 * change that caused it commits. Statements that write events in SQL use outboxInsert.
 */
@Injectable()
export class EventWriter {
  constructor(private readonly outbox: OutboxRepository) {}

  /** Answers the event's id. */
  emit(key: TenantKey, type: EventType, payload: Record<string, unknown>): Promise<number> {
    return this.outbox.insert(key, type, payload);
  }
}
