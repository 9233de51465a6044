import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SecretBox } from '../../common/secrets/secret-box';
import { AppConfig } from '../../config/app-config';
import { OutboxSignal } from '../../events/outbox-signal';
import { signatures } from '../signing';
import type { AttemptRecord, ClaimedDelivery } from './relay.repository';
import { RelayRepository } from './relay.repository';
import { retryDelayMs } from './retry-schedule';
import type { AttemptOutcome } from './webhook-http';
import { WebhookHttp } from './webhook-http';

/** Deliveries in flight per process; each holds a connection, none holds a transaction. */
const MAX_IN_FLIGHT = 32;
const FAN_OUT_BATCH = 500;
const PURGE_BATCH = 5000;
const PURGE_EVERY_MS = 10 * 60_000;
/**
 * At most one cycle per this many milliseconds when commits keep waking the relay: under a
 * write load every commit signals, and one cycle then serves a batch of them.
 */
const MIN_CYCLE_GAP_MS = 20;
/** Outcomes are written together: one statement per this many, or per this many milliseconds. */
const RECORD_BATCH = 64;
const RECORD_WAIT_MS = 10;

type Outcome = { delivery: ClaimedDelivery; attempt: AttemptRecord; done: () => void; failed: (err: unknown) => void };

@Injectable()
export class WebhookRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookRelay');
  private readonly http: WebhookHttp;
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private unlisten?: () => void;
  private lastPurge = 0;
  private lastCycle = 0;
  private scheduled = false;
  private outcomes: Outcome[] = [];
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly relay: RelayRepository,
    private readonly signal: OutboxSignal,
    private readonly box: SecretBox,
  ) {
    this.http = new WebhookHttp({ allowPrivateNetworks: config.webhooks.allowPrivateNetworks, timeoutMs: config.webhooks.timeoutMs });
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.relay) return;
    this.stopped = false;
    this.unlisten = this.signal.listen(() => this.wake());
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    clearTimeout(this.timer);
    await this.running;
    // Deliveries under way finish (each is bounded by the timeout); an unfinished one is retried elsewhere after its lease.
    await Promise.allSettled([...this.inFlight]);
    this.http.close();
  }

  /** Runs a cycle soon: now, or right after the one under way, never more often than MIN_CYCLE_GAP_MS. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), Math.max(0, this.lastCycle + MIN_CYCLE_GAP_MS - Date.now()));
  }

  private start(): void {
    this.scheduled = false;
    this.lastCycle = Date.now();
    this.running = this.cycle().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.config.webhooks.pollMs);
      }
    });
  }

  private async cycle(): Promise<void> {
    try {
      const lease = this.leaseMs();
      const free = MAX_IN_FLIGHT - this.inFlight.size;
      const first = await this.relay.fanOutAndClaim(FAN_OUT_BATCH, free, lease);
      this.dispatch(first.claimed);
      let fannedOut = first.fannedOut;
      while (!this.stopped && fannedOut === FAN_OUT_BATCH) fannedOut = (await this.relay.fanOutAndClaim(FAN_OUT_BATCH, 0, lease)).fannedOut;
      // More may be due: the claim filled every free slot, or the fan-out went on past it.
      if (first.claimed.length === free || first.fannedOut === FAN_OUT_BATCH) await this.dispatchDue();
      if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        while (!this.stopped && (await this.relay.purge(this.config.eventsRetentionDays, PURGE_BATCH)) === PURGE_BATCH);
      }
    } catch (err) {
      this.logger.error(`Relay cycle failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** A claim outlives a delivery attempt by far: only a process that died leaves one to expire. */
  private leaseMs(): number {
    return this.config.webhooks.timeoutMs * 2 + 5_000;
  }

  /** Claims as many due deliveries as there are free slots, until none is due. */
  private async dispatchDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const free = MAX_IN_FLIGHT - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      const claimed = await this.relay.claim(free, this.leaseMs());
      this.dispatch(claimed);
      if (claimed.length < free) return;
    }
  }

  private dispatch(claimed: ClaimedDelivery[]): void {
    for (const delivery of claimed) {
      const attempt: Promise<void> = this.attempt(delivery)
        .catch((err: unknown) => this.logger.error(`Delivery ${delivery.id} failed to record: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.type,
      event: delivery.type,
      timestamp: new Date(delivery.created_at).toISOString(),
      data: delivery.payload,
    });
    const secrets = [this.box.open(delivery.secret)];
    if (delivery.previous_secret && delivery.previous_secret_expires_at && new Date(delivery.previous_secret_expires_at) > new Date()) {
      secrets.push(this.box.open(delivery.previous_secret));
    }
    const id = String(delivery.event_id);
    const outcome = await this.http.post(
      delivery.url,
      {
        'content-type': 'application/json',
        'user-agent': 'Stockroom-Webhooks/1.0',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatures(secrets, id, timestamp, body),
      },
      body,
    );
    await this.settle(delivery, outcome);
  }

  private async settle(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    const at = new Date();
    const succeeded = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.status === 410;
    const delay = succeeded || gone ? null : retryDelayMs(delivery.attempts + 1, this.config.webhooks.retrySchedule, outcome.retryAfterMs);
    const record: AttemptRecord = {
      status: succeeded ? 'succeeded' : delay === null ? 'failed' : 'pending',
      next: delay === null ? null : new Date(at.getTime() + delay),
      at,
      responseStatus: outcome.status ?? null,
      timeMs: outcome.timeMs,
      error: succeeded
        ? null
        : (outcome.error ??
          `The endpoint answered ${outcome.status}${outcome.status! >= 300 && outcome.status! < 400 ? ' (redirects are not followed)' : ''}.`),
      body: outcome.body ?? null,
    };
    await new Promise<void>((done, failed) => {
      this.outcomes.push({ delivery, attempt: record, done, failed });
      if (this.outcomes.length >= RECORD_BATCH) void this.flush();
      else this.flushTimer ??= setTimeout(() => void this.flush(), RECORD_WAIT_MS);
    });
  }

  /** Writes the outcomes gathered so far in one transaction, with the endpoints they turn off. */
  private async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.outcomes.splice(0);
    if (batch.length === 0) return;
    try {
      const disabled = await this.relay.record(batch, (failing) => this.condemned(batch, failing));
      batch.forEach((o) => o.done());
      for (const { endpoint_id: endpoint, reason } of disabled) this.logger.warn(`Webhook endpoint ${endpoint} disabled: ${reason}`);
      // The endpoint.disabled events just written go out with the next cycle.
      if (disabled.length > 0) this.wake();
    } catch (err) {
      batch.forEach((o) => o.failed(err));
    }
  }

  /** Endpoints to turn off: those that answered 410 Gone, and those failing every attempt for longer than the limit. */
  private condemned(batch: Outcome[], failing: Array<{ endpoint_id: number; failing_since: Date }>): Map<number, string> {
    const off = new Map<number, string>();
    for (const o of batch) if (o.attempt.responseStatus === 410) off.set(o.delivery.endpoint_id, 'The endpoint answered 410 Gone.');
    const limit = this.config.webhooks.disableAfterMs;
    for (const { endpoint_id: endpoint, failing_since: since } of failing) {
      if (!off.has(endpoint) && Date.now() - new Date(since).getTime() >= limit)
        off.set(endpoint, `Every attempt failed for ${Math.round(limit / 3600_000)} hours.`);
    }
    return off;
  }
}
