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

/**
 * Writes a batch of attempts' outcomes in one statement: each delivery's new state, and for each
 * endpoint involved, since when it has been failing (cleared by a success, kept by a failure).
 * Answers the failing endpoints with that time.
 */
const RECORD = new Statement<'ids' | 'statuses' | 'nexts' | 'ats' | 'response_statuses' | 'times' | 'errors' | 'bodies' | 'endpoints' | 'oks'>(
  (p) => `
  with outcome as (
    select * from unnest(${p('ids')}::bigint[], ${p('statuses')}::text[], ${p('nexts')}::timestamptz[], ${p('ats')}::timestamptz[],
                         ${p('response_statuses')}::int[], ${p('times')}::int[], ${p('errors')}::text[], ${p('bodies')}::text[],
                         ${p('endpoints')}::int[], ${p('oks')}::boolean[])
      as o (id, status, next_at, at, response_status, time_ms, error, body, endpoint_id, ok)
  ), recorded as (
    update webhook_deliveries d
       set status = o.status, attempts = d.attempts + 1, next_attempt_at = o.next_at, last_attempt_at = o.at,
           response_status = o.response_status, response_time_ms = o.time_ms, error = o.error, response_body = o.body
      from outcome o where d.id = o.id
    returning 1
  ), health as (
    -- The endpoint's latest outcome in the batch decides: a success clears, a failure starts the clock.
    select distinct on (endpoint_id) endpoint_id, ok, at from outcome order by endpoint_id, at desc
  ), endpoints as (
    update webhook_endpoints e set failing_since = case when h.ok then null else coalesce(e.failing_since, h.at) end
      from health h
     where e.id = h.endpoint_id and (not h.ok or e.failing_since is not null)
    returning e.id, e.failing_since
  )
  select id as endpoint_id, failing_since from endpoints where failing_since is not null`,
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

/** Given the endpoints still failing after a batch, with since when, which to turn off and why. */
export type Condemn = (failing: Array<{ endpoint_id: number; failing_since: Date }>) => Map<number, string>;

/** The relay's statements, each its own short transaction as the relay role (never open across a network call). */
@Injectable()
export class RelayRepository {
  constructor(private readonly sessions: Sessions) {}

  claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.sessions.relay((m) => sqlRows<ClaimedDelivery>(m, CLAIM.text, CLAIM.values({ limit, lease_ms: leaseMs })));
  }

  /**
   * Writes attempts' outcomes and, in the same transaction, turns off the endpoints they condemn:
   * a client that sees an attempt recorded also sees its endpoint's state. Answers the endpoints
   * this turned off, with why.
   */
  record(outcomes: Array<{ delivery: ClaimedDelivery; attempt: AttemptRecord }>, condemn: Condemn): Promise<Array<{ endpoint_id: number; reason: string }>> {
    const values = RECORD.values({
      ids: outcomes.map((o) => o.delivery.id),
      statuses: outcomes.map((o) => o.attempt.status),
      nexts: outcomes.map((o) => o.attempt.next),
      ats: outcomes.map((o) => o.attempt.at),
      response_statuses: outcomes.map((o) => o.attempt.responseStatus),
      times: outcomes.map((o) => o.attempt.timeMs),
      errors: outcomes.map((o) => o.attempt.error),
      bodies: outcomes.map((o) => o.attempt.body),
      endpoints: outcomes.map((o) => o.delivery.endpoint_id),
      oks: outcomes.map((o) => o.attempt.status === 'succeeded'),
    });
    return this.sessions.relay(async (m) => {
      const failing = await sqlRows<{ endpoint_id: number; failing_since: Date }>(m, RECORD.text, values);
      const disabled: Array<{ endpoint_id: number; reason: string }> = [];
      for (const [endpoint, reason] of condemn(failing)) {
        const off = await sqlRows(m, DISABLE.text, DISABLE.values({ endpoint, reason }));
        if (off.length > 0) disabled.push({ endpoint_id: endpoint, reason });
      }
      return disabled;
    });
  }

  /** Fans new events out and claims the first due deliveries, in one transaction. */
  fanOutAndClaim(fanOutLimit: number, claimLimit: number, leaseMs: number): Promise<{ fannedOut: number; claimed: ClaimedDelivery[] }> {
    return this.sessions.relay(async (m) => {
      const [fan] = await sqlRows<{ events: number }>(m, FAN_OUT.text, FAN_OUT.values({ limit: fanOutLimit }));
      const claimed = claimLimit > 0 ? await sqlRows<ClaimedDelivery>(m, CLAIM.text, CLAIM.values({ limit: claimLimit, lease_ms: leaseMs })) : [];
      return { fannedOut: fan.events, claimed };
    });
  }

  async purge(days: number, limit: number): Promise<number> {
    const [row] = await this.sessions.relay((m) => sqlRows<{ purged: number }>(m, PURGE.text, PURGE.values({ days, limit })));
    return row.purged;
  }
}
