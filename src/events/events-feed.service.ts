import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { NotFound } from '../common/errors/app-error';
import type { EventDto, EventListQueryDto } from './dto/event.dto';
import { toEventDto } from './events.mapper';
import { EventsFeedRepository } from './events-feed.repository';

/** The events feed: what happened in the company, as webhooks deliver it, for partners who poll or recover. */
@Injectable()
export class EventsFeedService {
  constructor(private readonly feed: EventsFeedRepository) {}

  async list(auth: AuthContext, query: EventListQueryDto): Promise<{ count: number; results: EventDto[] }> {
    const [rows, count] = await this.feed.page(auth, query);
    return { count, results: rows.map(toEventDto) };
  }

  async get(auth: AuthContext, id: number): Promise<EventDto> {
    const event = await this.feed.findOne(auth, id);
    if (!event) throw new NotFound('Event not found.');
    return toEventDto(event);
  }
}
