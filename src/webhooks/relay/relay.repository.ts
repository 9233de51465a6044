import { Injectable } from '@nestjs/common';
import { Sessions } from '../../database/sessions';
import { sqlRows } from '../../database/sql';
import { Statement } from '../../database/statement';

/** A delivery the relay has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  company_id: number;
  endpoint_id: number;
  event_id: number;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Events not yet fanned out become one pending delivery per active endpoint that subscribed. */
const FAN_OUT = new Statement<'limit'>(
  (p) => `
  with batch as (
    select id, company_id, type, payload from events where delivered_at is null order by id limit ${p('limit')} for update skip locked
  ), fanned as (
    insert into webhook_deliveries (company_id, endpoint_id, event_id, event_type, next_attempt_at)
    select b.company_id, e.id, b.id, b.type, now()
      from batch b join webhook_endpoints e on e.company_id = b.company_id and e.is_active
     where case when b.type = 'webhook.test' then e.id = (b.payload ->> 'webhook_id')::int
                else b.type = any (e.enabled_events) or '*' = any (e.enabled_events) end
    returning 1
  ), marked as (
    update events v set delivered_at = now() from batch b where v.id = b.id returning 1
  )
  select (select count(*) from marked)::int as events, (select count(*) from fanned)::int as deliveries`,
);

/**
 * Claims due deliveries of active endpoints. The claim is committed before any HTTP call: it
 * moves next_attempt_at forward by the lease, so a process that dies mid-delivery leaves a
 * delivery that falls due again when the lease runs out, for any process to retry.
 */
const CLAIM = new Statement<'limit' | 'lease_ms'>(
  (p) => `
  with due as (
    select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id and e.is_active
     where d.status = 'pending' and d.next_attempt_at <= now()
     order by d.next_attempt_at limit ${p('limit')} for update of d skip locked
  )
  update webhook_deliveries d set next_attempt_at = now() + make_interval(secs => ${p('lease_ms')}::float8 / 1000)
    from due, webhook_endpoints e, events v
   where d.id = due.id and e.id = d.endpoint_id and v.id = d.event_id
  returning d.id, d.company_id, d.endpoint_id, d.event_id, d.attempts, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at,
            v.type, v.payload, v.created_at`,
);

const RECORD = new Statement<'id' | 'status' | 'next' | 'at' | 'response_status' | 'time_ms' | 'error' | 'body'>(
  (p) => `
  update webhook_deliveries set status = ${p('status')}, attempts = attempts + 1, next_attempt_at = ${p('next')}, last_attempt_at = ${p('at')},
         response_status = ${p('response_status')}, response_time_ms = ${p('time_ms')}, error = ${p('error')}, response_body = ${p('body')}
   where id = ${p('id')}`,
);

/** After a success the endpoint is healthy; after a failure, since when it has been failing. */
const ENDPOINT_SUCCEEDED = new Statement<'endpoint'>(
  (p) => `update webhook_endpoints set failing_since = null where id = ${p('endpoint')} and failing_since is not null`,
);
const ENDPOINT_FAILED = new Statement<'endpoint' | 'at'>(
  (p) => `update webhook_endpoints set failing_since = coalesce(failing_since, ${p('at')}) where id = ${p('endpoint')} returning failing_since`,
);

/** Turns an endpoint off, once, and records it in the company's events. */
const DISABLE = new Statement<'endpoint' | 'reason'>(
  (p) => `
  with off as (
    update webhook_endpoints set is_active = false, disabled_reason = ${p('reason')}, updated_at = now()
     where id = ${p('endpoint')} and is_active
    returning id, company_id, url
  )
  insert into events (company_id, type, payload)
  select company_id, 'endpoint.disabled', jsonb_build_object('webhook_id', id, 'url', url, 'reason', ${p('reason')}::text) from off
  returning id`,
);

/** Events older than the retention, a bounded batch at a time; SKIP LOCKED lets processes purge side by side. */
const PURGE = new Statement<'days' | 'limit'>(
  (p) => `
  with old as (
    select id from events where created_at < now() - make_interval(days => ${p('days')}) order by id limit ${p('limit')} for update skip locked
  )
  , gone as (delete from events v using old where v.id = old.id returning 1)
  select count(*)::int as purged from gone`,
);

export interface AttemptRecord {
  status: 'pending' | 'succeeded' | 'failed';
  next: Date | null;
  at: Date;
  responseStatus: number | null;
  timeMs: number;
  error: string | null;
  body: string | null;
}

/** The relay's statements, each its own short transaction as the relay role (never open across a network call). */
@Injectable()
export class RelayRepository {
  constructor(private readonly sessions: Sessions) {}

  async fanOut(limit: number): Promise<{ events: number; deliveries: number }> {
    const [row] = await this.sessions.relay((m) => sqlRows<{ events: number; deliveries: number }>(m, FAN_OUT.text, FAN_OUT.values({ limit })));
    return row;
  }

  claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.sessions.relay((m) => sqlRows<ClaimedDelivery>(m, CLAIM.text, CLAIM.values({ limit, lease_ms: leaseMs })));
  }

  /** Writes an attempt's outcome; answers since when the endpoint has been failing (null when it is healthy). */
  record(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<Date | null> {
    return this.sessions.relay(async (m) => {
      await sqlRows(
        m,
        RECORD.text,
        RECORD.values({
          id: delivery.id,
          status: attempt.status,
          next: attempt.next,
          at: attempt.at,
          response_status: attempt.responseStatus,
          time_ms: attempt.timeMs,
          error: attempt.error,
          body: attempt.body,
        }),
      );
      if (attempt.status === 'succeeded') {
        await sqlRows(m, ENDPOINT_SUCCEEDED.text, ENDPOINT_SUCCEEDED.values({ endpoint: delivery.endpoint_id }));
        return null;
      }
      const [row] = await sqlRows<{ failing_since: Date }>(m, ENDPOINT_FAILED.text, ENDPOINT_FAILED.values({ endpoint: delivery.endpoint_id, at: attempt.at }));
      return row?.failing_since ?? null;
    });
  }

  /** Whether this call turned the endpoint off (false when it already was). */
  async disable(endpointId: number, reason: string): Promise<boolean> {
    const rows = await this.sessions.relay((m) => sqlRows(m, DISABLE.text, DISABLE.values({ endpoint: endpointId, reason })));
    return rows.length > 0;
  }

  async purge(days: number, limit: number): Promise<number> {
    const [row] = await this.sessions.relay((m) => sqlRows<{ purged: number }>(m, PURGE.text, PURGE.values({ days, limit })));
    return row.purged;
  }
}
