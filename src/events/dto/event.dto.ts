import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { CursorListQuery } from '../../common/http/pagination';
import { EVENT_TYPE_NAMES } from '../event-types';

/** An event as the feed shows it and webhooks deliver it. */
export class EventDto {
  /** Also the `webhook-id` of its deliveries. */
  id: number;
  @ApiProperty({ enum: EVENT_TYPE_NAMES })
  type: string;
  created_at: string;
  /** What happened; its shape per type is in `GET events/types/`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

export class EventListQueryDto extends CursorListQuery {
  /** Only events of these types (repeat the parameter for several). */
  @ApiPropertyOptional({ type: [String], enum: EVENT_TYPE_NAMES, isArray: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsIn(EVENT_TYPE_NAMES, { each: true, message: 'Unknown event type. Use a type from GET events/types/.' })
  type?: string[];

  /** Only events created after this time. @example 2026-12-01T00:00:00Z */
  @IsOptional() @Type(() => Date) @IsDate() created_after?: Date;

  /** Only events created before this time. */
  @IsOptional() @Type(() => Date) @IsDate() created_before?: Date;
}
