import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SecretBox } from '../../common/secrets/secret-box';
import { AppConfig } from '../../config/app-config';
import { Sessions } from '../../database/sessions';
import type { TenantKey } from '../../database/tenant-key';
import { StockListsService } from '../../stock-lists/stock-lists.service';
import { WebhookHttp } from '../../webhooks/relay/webhook-http';
import type { MarketplaceAdapter } from '../adapters/adapter';
import { AmazonAdapter } from '../adapters/amazon.adapter';
import { CustomAdapter } from '../adapters/custom.adapter';
import { ShopifyAdapter } from '../adapters/shopify.adapter';
import type { Credentials } from '../credentials';
import type { Platform } from '../entities/marketplace-connection.entity';
import type { ClaimedListing, PushOutcome } from './pusher.repository';
import { PusherRepository } from './pusher.repository';

const CLAIM_BATCH = 100;
const MAX_BACKOFF_MS = 3600_000;

/**
 * Keeps listings in step with the platforms, in every process that runs it: each push interval
 * it recomputes what each listed product may be offered (its connection's stock list) and marks
 * what changed; it claims due listings (SKIP LOCKED, with a lease committed before any call),
 * pushes them, and records the outcome. A refused push is kept with the platform's message and
 * retried with growing delays; the wanted values are never lost.
 */
@Injectable()
export class MarketplacePusher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MarketplacePusher');
  private readonly http: WebhookHttp;
  private readonly adapters: Record<Platform, MarketplaceAdapter>;
  private lastRefresh = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly config: AppConfig,
    private readonly pusher: PusherRepository,
    private readonly stockLists: StockListsService,
    private readonly sessions: Sessions,
    private readonly box: SecretBox,
  ) {
    this.http = new WebhookHttp({ allowPrivateNetworks: config.webhooks.allowPrivateNetworks, timeoutMs: config.webhooks.timeoutMs, keptBodyBytes: 64 * 1024 });
    this.adapters = { custom: new CustomAdapter(this.http), shopify: new ShopifyAdapter(this.http), amazon: new AmazonAdapter(this.http) };
  }

  onApplicationBootstrap(): void {
    if (!this.config.marketplace.pusher) return;
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.http.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.cycle().finally(() => {
        this.running = undefined;
        this.schedule(this.config.marketplace.pollMs);
      });
    }, ms);
  }

  private async cycle(): Promise<void> {
    try {
      // Once per push interval: what every listed product may be offered now.
      if (Date.now() - this.lastRefresh >= this.config.marketplace.pushIntervalMs) {
        this.lastRefresh = Date.now();
        for (const companyId of await this.pusher.companiesWithListings()) {
          if (this.stopped) return;
          await this.refresh({ companyId });
        }
      }
      for (const companyId of await this.pusher.companiesWithDueListings()) {
        if (this.stopped) return;
        await this.pushDue({ companyId });
      }
    } catch (err) {
      this.logger.error(`Marketplace push cycle failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** What each listed product whose stock changed may be offered now; listings whose quantity moved become due. */
  private async refresh(key: TenantKey): Promise<void> {
    const listed = await this.pusher.listed(key);
    const byList = new Map<number | null, typeof listed>();
    for (const listing of listed) byList.set(listing.stock_list_id, [...(byList.get(listing.stock_list_id) ?? []), listing]);
    const refreshed: Array<{ id: number; quantity: number }> = [];
    for (const [stockListId, listings] of byList) {
      const products = [...new Map(listings.map((l) => [l.product_id, { id: l.product_id, isActive: l.product_active }])).values()];
      const sellable = await this.sessions.tenant(key.companyId, () => this.stockLists.sellableFor(key, stockListId, products));
      for (const listing of listings) {
        refreshed.push({ id: listing.id, quantity: sellable.get(listing.product_id) ?? 0 });
      }
    }
    await this.pusher.requantify(key, refreshed, this.config.marketplace.pushIntervalMs);
  }

  private async pushDue(key: TenantKey): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const claimed = await this.pusher.claim(key, CLAIM_BATCH, this.config.webhooks.timeoutMs * 3 + 5_000);
      if (claimed.length === 0) return;
      const credentials = new Map<number, Credentials>();
      const outcomes = await Promise.all(claimed.map((listing) => this.push(listing, credentials)));
      await this.pusher.record(key, outcomes, this.config.marketplace.pushIntervalMs);
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  private async push(listing: ClaimedListing, credentials: Map<number, Credentials>): Promise<PushOutcome> {
    const base = { id: listing.id, connectionId: listing.connection_id, price: listing.price, quantity: listing.quantity };
    // Only what changed since the last push goes to the platform.
    if (listing.pushed_price !== null && Number(listing.pushed_price) === Number(listing.price) && listing.pushed_quantity === listing.quantity) {
      return { ...base, ok: true, externalId: listing.external_id, error: null, retryInMs: 0 };
    }
    try {
      if (!credentials.has(listing.connection_id)) credentials.set(listing.connection_id, JSON.parse(this.box.open(listing.credentials)) as Credentials);
      const result = await this.adapters[listing.platform].push(credentials.get(listing.connection_id)!, {
        productId: listing.product_id,
        sku: listing.sku,
        price: Number(listing.price).toFixed(2),
        quantity: listing.quantity,
        pushedQuantity: listing.pushed_quantity,
        externalId: listing.external_id,
      });
      return { ...base, ok: true, externalId: result.externalId, error: null, retryInMs: 0 };
    } catch (err) {
      const retryInMs = Math.min(MAX_BACKOFF_MS, this.config.marketplace.pushIntervalMs * 2 ** Math.min(listing.attempts, 12));
      return { ...base, ok: false, externalId: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 1000), retryInMs };
    }
  }
}
