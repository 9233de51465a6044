import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import { Statement } from '../database/statement';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type { DeliveryListQueryDto } from './dto/webhook.dto';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** Serialises endpoint creation per company, so two requests cannot both take the last slot. */
const LOCK_ENDPOINTS = new Statement<'company'>((p) => `select pg_advisory_xact_lock(hashtext('webhook_endpoints'), ${p('company')})`);

/**
 * Queues the company's events of a time range for one endpoint again: the types it subscribes
 * to (narrowed to `types` when given), never another endpoint's test events.
 */
const REPLAY = new Statement<'company' | 'endpoint' | 'since' | 'until' | 'types' | 'limit'>(
  (p) => `
  with picked as (
    select v.id, v.type from events v join webhook_endpoints e on e.id = ${p('endpoint')} and e.company_id = v.company_id
     where v.company_id = ${p('company')} and v.created_at >= ${p('since')} and v.created_at < ${p('until')}
       and (${p('types')}::text[] is null or v.type = any (${p('types')}::text[]))
       and case when v.type = 'webhook.test' then (v.payload ->> 'webhook_id')::int = e.id
                else v.type = any (e.enabled_events) or '*' = any (e.enabled_events) end
     order by v.id limit ${p('limit')}
  ), queued as (
    insert into webhook_deliveries (company_id, endpoint_id, event_id, event_type, next_attempt_at)
    select ${p('company')}, ${p('endpoint')}, id, type, now() from picked
    returning 1
  )
  select count(*)::int as queued from queued`,
);

/** The webhooks domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class WebhooksRepository {
  constructor(
    private readonly sessions: Sessions,
    @InjectTenantRepository(WebhookEndpoint) private readonly endpoints: TenantRepository<WebhookEndpoint>,
    @InjectTenantRepository(WebhookDelivery) private readonly deliveries: TenantRepository<WebhookDelivery>,
  ) {}

  /** How many endpoints the company has, holding the company's endpoint lock until the transaction ends. */
  async countLocked(key: TenantKey): Promise<number> {
    await sqlRows(this.sessions.managerFor(key), LOCK_ENDPOINTS.text, LOCK_ENDPOINTS.values({ company: key.companyId }));
    return this.endpoints.count(key);
  }

  list(key: TenantKey, page: number, pageSize: number): Promise<[WebhookEndpoint[], number]> {
    return this.endpoints.findAndCount(key, { order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  /** An endpoint's deliveries, newest first, filtered by status and event type. */
  deliveriesOf(key: TenantKey, endpointId: number, query: DeliveryListQueryDto): Promise<[WebhookDelivery[], number]> {
    const qb = this.deliveries.query(key, 'd').andWhere('d.endpoint_id = :endpointId', { endpointId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.event_type) qb.andWhere('d.event_type = :type', { type: query.event_type });
    return qb
      .orderBy('d.id', 'DESC')
      .skip((query.page - 1) * query.page_size)
      .take(query.page_size)
      .getManyAndCount();
  }

  async replay(key: TenantKey, endpointId: number, range: { since: Date; until: Date; types: string[] | null }, limit: number): Promise<number> {
    const values = REPLAY.values({ company: key.companyId, endpoint: endpointId, since: range.since, until: range.until, types: range.types, limit });
    const [row] = await sqlRows<{ queued: number }>(this.sessions.managerFor(key), REPLAY.text, values);
    return row.queued;
  }
}
