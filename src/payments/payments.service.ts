import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { definedOnly } from '../common/defined';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { EventWriter } from '../events/event-writer';
import { Order } from '../orders/entities/order.entity';
import { CreateGatewayDto, CreateTransactionDto, GatewayDto, TransactionDto, TransactionListQueryDto, UpdateGatewayDto } from './dto/payment.dto';
import { PaymentGateway, PaymentStatus, PaymentTransaction } from './payment.entities';
import { maskSecret, SecretBox } from '../common/secrets/secret-box';
import { StripeClient, StripeError } from './stripe.client';
import { toGatewayDto, toTransactionDto } from './payments.mapper';
import { PaymentsRepository } from './payments.repository';

/** Stripe's PaymentIntent statuses, as this API's transaction statuses. */
const STRIPE_STATUS: Record<string, PaymentStatus> = { succeeded: 'completed', canceled: 'failed' };

@Injectable()
export class PaymentsService {
  constructor(
    @InjectTenantRepository(PaymentGateway) private readonly gateways: TenantRepository<PaymentGateway>,
    @InjectTenantRepository(PaymentTransaction) private readonly transactions: TenantRepository<PaymentTransaction>,
    @InjectTenantRepository(Order) private readonly orders: TenantRepository<Order>,
    private readonly payments: PaymentsRepository,
    private readonly box: SecretBox,
    private readonly stripe: StripeClient,
    private readonly events: EventWriter,
  ) {}

  async listGateways(auth: AuthContext): Promise<GatewayDto[]> {
    return (await this.gateways.find(auth, { order: { id: 'ASC' } })).map(toGatewayDto);
  }

  async createGateway(auth: AuthContext, dto: CreateGatewayDto): Promise<GatewayDto> {
    return toGatewayDto(
      await this.gateways.insert(auth, { name: dto.name, gatewayType: dto.gateway_type, isActive: dto.is_active ?? true, ...this.secrets(dto) }),
    );
  }

  async getGateway(auth: AuthContext, id: number): Promise<GatewayDto> {
    return toGatewayDto(await this.loadGateway(auth, id));
  }

  async getTransaction(auth: AuthContext, id: number): Promise<TransactionDto> {
    const transaction = await this.transactions.findOne(auth, { id });
    if (!transaction) throw new NotFound('Payment transaction not found.');
    return toTransactionDto(transaction);
  }

  async updateGateway(auth: AuthContext, id: number, dto: UpdateGatewayDto): Promise<GatewayDto> {
    const gateway = await this.loadGateway(auth, id);
    Object.assign(gateway, definedOnly({ name: dto.name, isActive: dto.is_active }), this.secrets(dto));
    return toGatewayDto(await this.gateways.save(auth, gateway));
  }

  async removeGateway(auth: AuthContext, id: number): Promise<void> {
    await this.loadGateway(auth, id);
    if (await this.transactions.exists(auth, { gatewayId: id })) throw new Conflict('This gateway has transactions; deactivate it instead.');
    await this.gateways.delete(auth, { id });
  }

  async listTransactions(auth: AuthContext, query: TransactionListQueryDto): Promise<{ count: number; results: TransactionDto[] }> {
    const [rows, count] = await this.transactions.findAndCount(auth, {
      where: definedOnly({ orderId: query.order_id, gatewayId: query.gateway_id, status: query.status, gatewayType: query.gateway }),
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    });
    return { count, results: rows.map(toTransactionDto) };
  }

  /**
   * 003's payment. Manual payments (cash, bank transfer, invoice) are recorded as completed;
   * Stripe payments go through a PaymentIntent. Completed payments never exceed the order
   * total (the order row is locked, so concurrent payments are counted one after another).
   */
  async pay(auth: AuthContext, dto: CreateTransactionDto): Promise<TransactionDto> {
    const order = await this.orders.findOneForUpdate(auth, { id: dto.order_id });
    if (!order) throw new NotFound('Order not found.');
    if (order.status === 'cancelled') throw new Conflict('This order is cancelled.');
    if (await this.payments.wouldExceed(auth, order.id, dto.amount.toFixed(2), order.total))
      throw new Conflict(`Completed payments would exceed the order total of ${order.total}.`);

    const gateway = await this.gatewayFor(auth, dto.gateway ?? 'manual');
    const base = {
      orderId: order.id,
      gatewayId: gateway?.id ?? null,
      gatewayType: gateway?.gatewayType ?? 'manual',
      amount: dto.amount.toFixed(2),
      currency: dto.currency.toUpperCase(),
      paymentMethod: dto.payment_method,
      createdBy: auth.userId,
    } as const;
    let result: Pick<PaymentTransaction, 'status' | 'providerReference' | 'failureMessage'> = {
      status: 'completed',
      providerReference: '',
      failureMessage: '',
    };
    if (gateway?.gatewayType === 'stripe') {
      try {
        const intent = await this.stripe.createPaymentIntent(this.box.open(gateway.apiKeyEncrypted!), {
          amountCents: Math.round(dto.amount * 100),
          currency: base.currency,
          description: `Order ${order.id}`,
          metadata: { order_id: String(order.id), company_id: String(auth.companyId) },
          idempotencyKey: `stockroom-${auth.companyId}-${order.id}-${randomUUID()}`,
        });
        result = { status: STRIPE_STATUS[intent.status] ?? 'pending', providerReference: intent.id, failureMessage: '' };
      } catch (err) {
        if (!(err instanceof StripeError)) throw err;
        result = { status: 'failed', providerReference: '', failureMessage: err.message };
      }
    }
    const transaction = await this.transactions.insert(auth, { ...base, ...result });
    if (transaction.status === 'completed') {
      await this.events.emit(auth, 'payment.completed', {
        transaction_id: transaction.id,
        order_id: order.id,
        amount: Number(transaction.amount),
        currency: transaction.currency,
      });
    }
    return toTransactionDto(transaction);
  }

  private secrets(dto: { api_key?: string; webhook_secret?: string }): Partial<PaymentGateway> {
    return definedOnly({
      apiKeyEncrypted: dto.api_key === undefined ? undefined : this.box.seal(dto.api_key),
      apiKeyMasked: dto.api_key === undefined ? undefined : maskSecret(dto.api_key),
      webhookSecretEncrypted: dto.webhook_secret === undefined ? undefined : this.box.seal(dto.webhook_secret),
      webhookSecretMasked: dto.webhook_secret === undefined ? undefined : maskSecret(dto.webhook_secret),
    });
  }

  /** Manual needs no gateway; "stripe" is the company's active Stripe gateway; a number is a gateway id. */
  private async gatewayFor(auth: AuthContext, gateway: string | number): Promise<PaymentGateway | null> {
    if (gateway === 'manual') return null;
    if (typeof gateway === 'number') {
      const found = await this.loadGateway(auth, gateway);
      if (!found.isActive) throw ValidationFailed.field('gateway', 'This gateway is not active.');
      return found.gatewayType === 'manual' ? null : found;
    }
    const stripe = await this.gateways.findOne(auth, { gatewayType: 'stripe', isActive: true });
    if (!stripe) throw ValidationFailed.field('gateway', 'No active stripe gateway is configured.');
    return stripe;
  }

  private async loadGateway(auth: AuthContext, id: number): Promise<PaymentGateway> {
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFound('Payment gateway not found.');
    const gateway = await this.gateways.findOne(auth, { id });
    if (!gateway) throw new NotFound('Payment gateway not found.');
    return gateway;
  }
}
