import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

export interface PaymentIntentResult {
  id: string;
  status: string;
}

export class StripeError extends Error {}

/**
 * Stripe's PaymentIntents over its HTTP API (form-encoded, Bearer secret key). The base URL
 * is configurable (STRIPE_API_BASE), so tests talk to a local double.
 */
@Injectable()
export class StripeClient {
  constructor(private readonly config: AppConfig) {}

  async createPaymentIntent(
    secretKey: string,
    intent: { amountCents: number; currency: string; description: string; metadata: Record<string, string>; idempotencyKey: string },
  ): Promise<PaymentIntentResult> {
    const form = new URLSearchParams({
      amount: String(intent.amountCents),
      currency: intent.currency.toLowerCase(),
      description: intent.description,
      confirm: 'true',
      'automatic_payment_methods[enabled]': 'true',
      'automatic_payment_methods[allow_redirects]': 'never',
    });
    for (const [k, v] of Object.entries(intent.metadata)) form.set(`metadata[${k}]`, v);
    let response: Response;
    try {
      response = await fetch(`${this.config.stripeApiBase}/v1/payment_intents`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': intent.idempotencyKey,
        },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new StripeError(`Stripe could not be reached: ${(err as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as { id?: string; status?: string; error?: { message?: string } };
    if (!response.ok || !body.id) throw new StripeError(body.error?.message ?? `Stripe answered ${response.status}`);
    return { id: body.id, status: body.status ?? 'processing' };
  }
}
