import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { isoTime } from '../common/http/serialize';
import { SecretBox } from '../common/secrets/secret-box';
import { AppConfig } from '../config/app-config';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { EventWriter } from '../events/event-writer';
import { OutboxSignal } from '../events/outbox-signal';
import type {
  CreatedWebhookDto,
  CreateWebhookDto,
  DeliveryDto,
  DeliveryListQueryDto,
  ReplayDto,
  ReplayResultDto,
  TestEventDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookSecretDto,
} from './dto/webhook.dto';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { refusedLiteralHost } from './relay/network-guard';
import { newSigningSecret } from './signing';
import { toDeliveryDto, toWebhookDto } from './webhooks.mapper';
import { WebhooksRepository } from './webhooks.repository';

export const MAX_ENDPOINTS_PER_COMPANY = 16;
/** How long the secret before a rotation keeps signing, so receivers can switch without losing deliveries. */
const ROTATION_OVERLAP_MS = 24 * 3600_000;
/** The most deliveries one replay queues. */
const REPLAY_LIMIT = 100_000;

/** Webhook endpoints of a company: registration, secrets, tests, the delivery log and its recovery. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectTenantRepository(WebhookEndpoint) private readonly endpoints: TenantRepository<WebhookEndpoint>,
    @InjectTenantRepository(WebhookDelivery) private readonly deliveries: TenantRepository<WebhookDelivery>,
    private readonly repository: WebhooksRepository,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
    private readonly events: EventWriter,
    private readonly signal: OutboxSignal,
  ) {}

  async list(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: WebhookDto[] }> {
    const [rows, count] = await this.repository.list(auth, page, pageSize);
    return { count, results: rows.map(toWebhookDto) };
  }

  async get(auth: AuthContext, id: number): Promise<WebhookDto> {
    return toWebhookDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    this.checkUrl(dto.url);
    if ((await this.repository.countLocked(auth)) >= MAX_ENDPOINTS_PER_COMPANY) {
      throw new Conflict(`A company can have at most ${MAX_ENDPOINTS_PER_COMPANY} webhook endpoints; delete one first.`);
    }
    const secret = newSigningSecret();
    const endpoint = await this.endpoints.insert(auth, {
      url: dto.url,
      description: dto.description ?? '',
      enabledEvents: unique(dto.enabled_events),
      isActive: dto.is_active ?? true,
      secret: this.box.seal(secret),
    });
    return { ...toWebhookDto(endpoint), secret };
  }

  async update(auth: AuthContext, id: number, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const endpoint = await this.load(auth, id);
    if (dto.url !== undefined) {
      this.checkUrl(dto.url);
      endpoint.url = dto.url;
    }
    if (dto.description !== undefined) endpoint.description = dto.description;
    if (dto.enabled_events !== undefined) endpoint.enabledEvents = unique(dto.enabled_events);
    if (dto.is_active !== undefined) {
      endpoint.isActive = dto.is_active;
      // Turned back on: whatever made the service turn it off is the partner's to have fixed.
      if (dto.is_active) Object.assign(endpoint, { disabledReason: null, failingSince: null });
    }
    await this.endpoints.save(auth, endpoint);
    if (endpoint.isActive) this.signal.written();
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    await this.endpoints.delete(auth, { id });
  }

  async rotateSecret(auth: AuthContext, id: number): Promise<WebhookSecretDto> {
    const endpoint = await this.load(auth, id);
    const secret = newSigningSecret();
    const expiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
    Object.assign(endpoint, { previousSecret: endpoint.secret, previousSecretExpiresAt: expiresAt, secret: this.box.seal(secret) });
    await this.endpoints.save(auth, endpoint);
    return { secret, previous_secret_expires_at: isoTime(expiresAt) };
  }

  async test(auth: AuthContext, id: number): Promise<TestEventDto> {
    await this.load(auth, id);
    const eventId = await this.events.emit(auth, 'webhook.test', { webhook_id: id, message: 'This is a test event.' });
    return { event_id: eventId };
  }

  async deliveriesOf(auth: AuthContext, id: number, query: DeliveryListQueryDto): Promise<{ count: number; results: DeliveryDto[] }> {
    await this.load(auth, id);
    const [rows, count] = await this.repository.deliveriesOf(auth, id, query);
    return { count, results: rows.map(toDeliveryDto) };
  }

  /** Queues a delivery's next attempt now, whatever its state. */
  async retry(auth: AuthContext, deliveryId: number): Promise<DeliveryDto> {
    const delivery = await this.deliveries.findOneForUpdate(auth, { id: deliveryId });
    if (!delivery) throw new NotFound('Delivery not found.');
    if (!(await this.load(auth, delivery.endpointId)).isActive) throw new Conflict('The endpoint is disabled: turn it on (is_active) to deliver again.');
    Object.assign(delivery, { status: 'pending', nextAttemptAt: new Date() });
    await this.deliveries.save(auth, delivery);
    this.signal.written();
    return toDeliveryDto(delivery);
  }

  async replay(auth: AuthContext, id: number, dto: ReplayDto): Promise<ReplayResultDto> {
    await this.load(auth, id);
    const until = dto.until ?? new Date();
    if (until <= dto.since) throw ValidationFailed.field('until', 'Must be after since.');
    const queued = await this.repository.replay(auth, id, { since: dto.since, until, types: dto.types ?? null }, REPLAY_LIMIT);
    if (queued > 0) this.signal.written();
    return { queued };
  }

  private async load(auth: AuthContext, id: number): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOne(auth, { id });
    if (!endpoint) throw new NotFound('Webhook endpoint not found.');
    return endpoint;
  }

  /** https in production; an address that can never be reached (a private IP written out) is refused at once. */
  private checkUrl(url: string): void {
    const parsed = new URL(url);
    if (this.config.webhooks.httpsOnly && parsed.protocol !== 'https:') throw ValidationFailed.field('url', 'Must be an https URL.');
    if (parsed.username || parsed.password) throw ValidationFailed.field('url', 'Must not carry credentials; verify deliveries by their signature.');
    const refused = this.config.webhooks.allowPrivateNetworks ? undefined : refusedLiteralHost(parsed.hostname);
    if (refused) throw ValidationFailed.field('url', `Must be a public address (${refused}).`);
  }
}

function unique(values: string[]): string[] {
  return values.includes('*') ? ['*'] : [...new Set(values)];
}
