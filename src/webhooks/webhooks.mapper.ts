import { isoTime } from '../common/http/serialize';
import type { DeliveryDto, WebhookDto } from './dto/webhook.dto';
import type { WebhookDelivery } from './entities/webhook-delivery.entity';
import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** An endpoint as answered: never its secret. */
export function toWebhookDto(e: WebhookEndpoint): WebhookDto {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    enabled_events: e.enabledEvents,
    is_active: e.isActive,
    status: e.isActive ? 'enabled' : 'disabled',
    disabled_reason: e.disabledReason,
    created_at: isoTime(e.createdAt),
    updated_at: isoTime(e.updatedAt),
  };
}

export function toDeliveryDto(d: WebhookDelivery): DeliveryDto {
  return {
    id: Number(d.id),
    event_id: Number(d.eventId),
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    last_attempt_at: isoTime(d.lastAttemptAt),
    next_attempt_at: d.status === 'pending' ? isoTime(d.nextAttemptAt) : null,
    response_status: d.responseStatus,
    response_time_ms: d.responseTimeMs,
    error: d.error,
    response_body: d.responseBody,
    created_at: isoTime(d.createdAt),
  };
}
