import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES } from '../event-types';

/** One type of event the service emits (events feed and webhooks). */
export class EventTypeDto {
  @ApiProperty({ enum: Object.keys(EVENT_TYPES), example: 'order.created' })
  type: string;

  @ApiProperty({ example: EVENT_TYPES['order.created'].description })
  description: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "An example of the event's data", example: EVENT_TYPES['order.created'].example })
  example: Record<string, unknown>;
}
