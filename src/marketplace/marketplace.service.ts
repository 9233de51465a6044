import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { isoTime } from '../common/http/serialize';
import { SecretBox } from '../common/secrets/secret-box';
import { referencedElsewhere } from '../database/pg-errors';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { Product } from '../products/entities/product.entity';
import { StockListsService } from '../stock-lists/stock-lists.service';
import type { AnalyticsQueryDto, MarketplaceAnalyticsDto } from './dto/analytics.dto';
import type { ConnectionDto, CreateConnectionDto, UpdateConnectionDto } from './dto/connection.dto';
import type { ListingDto, ListingListQueryDto, SyncJobDto, SyncRequestDto } from './dto/sync.dto';
import { validCredentials } from './credentials';
import type { Credentials } from './credentials';
import { MarketplaceConnection } from './entities/marketplace-connection.entity';
import type { Platform } from './entities/marketplace-connection.entity';
import { AppConfig } from '../config/app-config';
import { SyncJob } from './entities/sync-job.entity';
import { toAnalyticsDto, toConnectionDto, toListingDto, toSyncJobDto } from './marketplace.mapper';
import { MarketplaceRepository } from './marketplace.repository';

const PERIOD_DAYS = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;

/** A price with the connection's markup, to the cent. */
function withMarkup(price: string, markupPercent: string | null): string {
  const cents = Math.round(Number(price) * 100 * (1 + Number(markupPercent ?? 0) / 100));
  return (Math.max(0, cents) / 100).toFixed(2);
}

/** Document 003's marketplace: connections, product sync, listings, analytics. */
@Injectable()
export class MarketplaceService {
  constructor(
    @InjectTenantRepository(MarketplaceConnection) private readonly connections: TenantRepository<MarketplaceConnection>,
    @InjectTenantRepository(SyncJob) private readonly jobs: TenantRepository<SyncJob>,
    @InjectTenantRepository(Product) private readonly products: TenantRepository<Product>,
    private readonly repository: MarketplaceRepository,
    private readonly stockLists: StockListsService,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async list(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: ConnectionDto[] }> {
    const [rows, count] = await this.connections.findAndCount(auth, { order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { count, results: rows.map((c) => toConnectionDto(c, this.credentialsOf(c))) };
  }

  async get(auth: AuthContext, id: number): Promise<ConnectionDto> {
    const connection = await this.load(auth, id);
    return toConnectionDto(connection, this.credentialsOf(connection));
  }

  async create(auth: AuthContext, dto: CreateConnectionDto): Promise<ConnectionDto> {
    const credentials = this.checked(dto.platform, dto.credentials);
    if (dto.stock_list_id != null) await this.stockLists.assertList(auth, dto.stock_list_id);
    const connection = await this.connections.insert(auth, {
      platform: dto.platform,
      name: dto.name,
      credentials: this.box.seal(JSON.stringify(credentials)),
      stockListId: dto.stock_list_id ?? null,
      priceMarkupPercent: dto.price_markup_percent == null ? null : String(dto.price_markup_percent),
      isActive: dto.is_active ?? true,
    });
    return toConnectionDto(connection, credentials);
  }

  async update(auth: AuthContext, id: number, dto: UpdateConnectionDto): Promise<ConnectionDto> {
    const connection = await this.load(auth, id);
    if (dto.credentials !== undefined) connection.credentials = this.box.seal(JSON.stringify(this.checked(connection.platform, dto.credentials)));
    if (dto.stock_list_id !== undefined) {
      if (dto.stock_list_id !== null) await this.stockLists.assertList(auth, dto.stock_list_id);
      connection.stockListId = dto.stock_list_id;
    }
    if (dto.price_markup_percent !== undefined) connection.priceMarkupPercent = dto.price_markup_percent === null ? null : String(dto.price_markup_percent);
    if (dto.name !== undefined) connection.name = dto.name;
    if (dto.is_active !== undefined) connection.isActive = dto.is_active;
    await this.connections.save(auth, connection);
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    try {
      await this.connections.delete(auth, { id });
    } catch (err) {
      if (referencedElsewhere(err)) throw new Conflict('Orders came through this connection; turn it off (is_active: false) instead.');
      throw err;
    }
  }

  /**
   * Queues products for a connection: 003's single product (with its price and quantity when
   * given) or a bulk form. Price defaults to the product's with the markup, quantity to what
   * the connection's stock list makes sellable. The pusher sends them in the background.
   */
  async sync(auth: AuthContext, dto: SyncRequestDto): Promise<SyncJobDto> {
    const forms = [dto.product_id !== undefined, dto.product_ids !== undefined, dto.all === true].filter(Boolean).length;
    if (forms !== 1) throw ValidationFailed.general('Give exactly one of product_id, product_ids or all: true.');
    if (dto.product_id === undefined && (dto.price !== undefined || dto.quantity !== undefined)) {
      throw ValidationFailed.general('price and quantity apply to a single product_id.');
    }
    const connection = await this.load(auth, dto.connection_id);
    if (!connection.isActive) throw new Conflict('The connection is turned off (is_active: false).');
    const ids = dto.product_id !== undefined ? [dto.product_id] : dto.product_ids ? [...new Set(dto.product_ids)] : null;
    const products = ids
      ? await this.products.find(auth, { where: { id: In(ids) }, select: { id: true, sku: true, price: true, isActive: true } })
      : await this.products.find(auth, { where: { isActive: true }, select: { id: true, sku: true, price: true, isActive: true }, order: { id: 'ASC' } });
    if (ids && products.length !== ids.length) throw new NotFound('Product not found.');
    const sellable = await this.stockLists.sellableFor(auth, connection.stockListId, products);
    const job = await this.jobs.insert(auth, { connectionId: connection.id, total: products.length, status: 'running' });
    await this.repository.upsertListings(
      auth,
      connection.id,
      job.id,
      products.map((p) => ({
        productId: p.id,
        sku: p.sku,
        price: dto.price !== undefined ? dto.price.toFixed(2) : withMarkup(String(p.price), connection.priceMarkupPercent),
        quantity: dto.quantity ?? sellable.get(p.id) ?? 0,
      })),
    );
    return this.job(auth, job.id);
  }

  async job(auth: AuthContext, id: number): Promise<SyncJobDto> {
    const job = await this.jobs.findOne(auth, { id });
    if (!job) throw new NotFound('Sync job not found.');
    return toSyncJobDto(job, await this.repository.jobProgress(auth, id));
  }

  async listings(auth: AuthContext, connectionId: number, query: ListingListQueryDto): Promise<{ count: number; results: ListingDto[] }> {
    await this.load(auth, connectionId);
    const [rows, count] = await this.repository.listingsOf(auth, connectionId, query);
    return { count, results: rows.map(toListingDto) };
  }

  async analytics(auth: AuthContext, connectionId: number, query: AnalyticsQueryDto): Promise<MarketplaceAnalyticsDto> {
    const connection = await this.load(auth, connectionId);
    const period = query.period ?? '30d';
    const figures = await this.repository.analytics(auth, connectionId, PERIOD_DAYS[period]);
    return toAnalyticsDto(connection, period, figures, isoTime(connection.lastSyncedAt));
  }

  /** The platform's credentials; in production (as for webhooks) every URL among them must be https. */
  private checked(platform: Platform, value: unknown): Credentials {
    const credentials = validCredentials(platform, value);
    if (this.config.webhooks.httpsOnly) {
      for (const field of ['endpoint_url', 'base_url', 'token_url']) {
        if (credentials[field] !== undefined && !credentials[field].startsWith('https://'))
          throw ValidationFailed.field(`credentials.${field}`, 'Must be an https URL.');
      }
    }
    return credentials;
  }

  private credentialsOf(connection: MarketplaceConnection): Credentials {
    return JSON.parse(this.box.open(connection.credentials)) as Credentials;
  }

  private async load(auth: AuthContext, id: number): Promise<MarketplaceConnection> {
    const connection = await this.connections.findOne(auth, { id });
    if (!connection) throw new NotFound('Marketplace connection not found.');
    return connection;
  }
}
