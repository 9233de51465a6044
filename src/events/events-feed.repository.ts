import { Injectable } from '@nestjs/common';
import { decodeCursor, parseOrdering } from '../common/http/pagination';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type { EventListQueryDto } from './dto/event.dto';
import { OutboxEvent } from './event.entity';

const ORDERING: Record<string, string> = { id: 'e.id', created_at: 'e.id' };

/** The events feed's reads: a company's outbox, newest first. */
@Injectable()
export class EventsFeedRepository {
  constructor(@InjectTenantRepository(OutboxEvent) private readonly events: TenantRepository<OutboxEvent>) {}

  /** One page and the count of the filtered feed; with a cursor, the events older than it. */
  async page(key: TenantKey, query: EventListQueryDto): Promise<[OutboxEvent[], number]> {
    const qb = this.events.query(key, 'e');
    if (query.type) qb.andWhere('e.type in (:...types)', { types: query.type });
    if (query.created_after) qb.andWhere('e.created_at > :after', { after: query.created_after });
    if (query.created_before) qb.andWhere('e.created_at < :before', { before: query.created_before });
    const count = await qb.clone().getCount();
    if (query.cursor !== undefined) {
      const before = decodeCursor(query.cursor);
      if (before > 0) qb.andWhere('e.id < :cursor', { cursor: before });
      qb.orderBy('e.id', 'DESC');
    } else {
      for (const [column, direction] of parseOrdering(query.ordering, ORDERING, '-created_at')) qb.addOrderBy(column, direction);
      qb.skip((query.page - 1) * query.page_size);
    }
    return [await qb.take(query.page_size).getMany(), count];
  }

  findOne(key: TenantKey, id: number): Promise<OutboxEvent | null> {
    return this.events.findOne(key, { id });
  }
}
