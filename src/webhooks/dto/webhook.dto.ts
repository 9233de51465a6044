import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/trim.decorator';
import { EVENT_TYPE_NAMES } from '../../events/event-types';
import { DELIVERY_STATUSES } from '../entities/webhook-delivery.entity';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';

const SUBSCRIBABLE = ['*', ...EVENT_TYPE_NAMES];

export class WebhookDto {
  id: number;
  url: string;
  description: string;
  /** `["*"]` for every event, or names from `GET events/types/`. @example ["order.created","order.updated"] */
  enabled_events: string[];
  /** Whether events are delivered; the service turns it off after a 410 Gone or days of failures. */
  is_active: boolean;
  @ApiProperty({ enum: ['enabled', 'disabled'] })
  status: 'enabled' | 'disabled';
  /** Why the service turned the endpoint off; null when it did not. */
  @ApiProperty({ type: String, nullable: true })
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export class CreatedWebhookDto extends WebhookDto {
  /** The signing secret, shown only in this answer: keep it. @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw */
  secret: string;
}

export class WebhookSecretDto {
  /** The new signing secret, shown only in this answer. For 24 hours the previous secret signs as well. */
  secret: string;
  /** Until when the previous secret still signs deliveries. */
  previous_secret_expires_at: string;
}

export class CreateWebhookDto {
  /** Where events are POSTed (https in production). @example https://example.com/hooks/stockroom */
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'Must be an http(s) URL.' })
  @MaxLength(2000)
  url: string;

  @IsOptional() @Trim() @IsString() @MaxLength(500) description?: string;

  /** `["*"]` for every event, or event types from `GET events/types/`. @example ["*"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @IsIn(SUBSCRIBABLE, { each: true, message: 'Unknown event type. Use "*" or a type from GET events/types/.' })
  enabled_events: string[];

  @IsOptional() @IsBoolean() is_active?: boolean;
}

/** Any field of the endpoint; turning it back on (is_active) clears the reason the service turned it off. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class DeliveryDto {
  id: number;
  event_id: number;
  event_type: string;
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: DeliveryStatus;
  attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_attempt_at: string | null;
  /** When the next attempt is due (pending deliveries only). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_attempt_at: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  response_status: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  response_time_ms: number | null;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  /** The first KiB of the receiver's answer. */
  @ApiProperty({ type: String, nullable: true })
  response_body: string | null;
  created_at: string;
}

export class DeliveryListQueryDto extends ListQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: EVENT_TYPE_NAMES })
  @IsOptional()
  @IsIn(EVENT_TYPE_NAMES)
  event_type?: string;
}

export class ReplayDto {
  /** Events created at or after this time. @example 2026-12-01T00:00:00Z */
  @Type(() => Date) @IsDate() since: Date;
  /** Events created before this time (default: now). */
  @IsOptional() @Type(() => Date) @IsDate() until?: Date;
  /** Only these event types (default: every type the endpoint subscribes to). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsIn(EVENT_TYPE_NAMES, { each: true, message: 'Unknown event type. Use a type from GET events/types/.' })
  types?: string[];
}

export class ReplayResultDto {
  /** How many deliveries were queued. */
  queued: number;
}

export class TestEventDto {
  /** The queued `webhook.test` event. */
  event_id: number;
}
