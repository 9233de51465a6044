import { isoTime } from '../common/http/serialize';
import type { GatewayDto, TransactionDto } from './dto/payment.dto';
import type { PaymentGateway, PaymentTransaction } from './payment.entities';

export function toGatewayDto(g: PaymentGateway): GatewayDto {
  return {
    id: g.id,
    name: g.name,
    gateway_type: g.gatewayType,
    api_key: g.apiKeyMasked,
    webhook_secret: g.webhookSecretMasked,
    is_active: g.isActive,
    created_at: isoTime(g.createdAt),
    updated_at: isoTime(g.updatedAt),
  };
}

export function toTransactionDto(t: PaymentTransaction): TransactionDto {
  return {
    id: t.id,
    order_id: t.orderId,
    gateway_id: t.gatewayId,
    gateway: t.gatewayType,
    amount: Number(t.amount),
    currency: t.currency,
    payment_method: t.paymentMethod,
    status: t.status,
    provider_reference: t.providerReference,
    failure_message: t.failureMessage,
    created_at: isoTime(t.createdAt),
  };
}
