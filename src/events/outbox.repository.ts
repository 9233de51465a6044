import { Injectable } from '@nestjs/common';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { OutboxEvent } from './event.entity';
import type { EventType } from './event-types';
import { OutboxSignal } from './outbox-signal';

/**
 * The outbox insert for statements that write their event in the same SQL as the change (the
 * set-based ledger, order placement): one row per row of `source`, with `payload` (a jsonb
 * expression over that source's columns). With OutboxRepository.insert, the only writers of
 * the events table. A repository that runs such a statement calls OutboxSignal.written().
 */
export function outboxInsert(company: string, type: EventType, payload: string, source: string): string {
  return `insert into events (company_id, type, payload) select ${company}, '${type}', ${payload} ${source}`;
}

@Injectable()
export class OutboxRepository {
  constructor(
    @InjectTenantRepository(OutboxEvent) private readonly events: TenantRepository<OutboxEvent>,
    private readonly signal: OutboxSignal,
  ) {}

  /** The new event's id. */
  async insert(key: TenantKey, type: EventType, payload: Record<string, unknown>): Promise<number> {
    const event = await this.events.insert(key, { type, payload });
    this.signal.written();
    return Number(event.id);
  }
}
