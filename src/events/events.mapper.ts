import { isoTime } from '../common/http/serialize';
import type { EventDto } from './dto/event.dto';
import type { OutboxEvent } from './event.entity';

export function toEventDto(event: OutboxEvent): EventDto {
  return { id: Number(event.id), type: event.type, created_at: isoTime(event.createdAt), data: event.payload };
}
