import type { WebhookHttp } from '../../webhooks/relay/webhook-http';
import type { Credentials } from '../credentials';
import { PlatformError } from './adapter';
import type { MarketplaceAdapter, PushRequest, PushResult } from './adapter';
import { callJson } from './http-json';

/**
 * Amazon's Selling Partner API: an access token from Login with Amazon (refresh-token grant; 003's
 * access_key / secret_key are the LWA client id and secret), then Listings Items
 * `PATCH /listings/2021-08-01/items/{sellerId}/{sku}` replacing `fulfillment_availability` (quantity)
 * and `purchasable_offer` (price). An INVALID answer's issues are the error.
 */
export class AmazonAdapter implements MarketplaceAdapter {
  /** One token request at a time per LWA client and seller, shared by the pushes waiting for it. */
  private readonly tokens = new Map<string, Promise<{ token: string; expires: number }>>();

  constructor(private readonly http: WebhookHttp) {}

  async push(credentials: Credentials, listing: PushRequest): Promise<PushResult> {
    const token = await this.accessToken(credentials);
    const base = (credentials.base_url ?? 'https://sellingpartnerapi-na.amazon.com').replace(/\/+$/, '');
    const url = `${base}/listings/2021-08-01/items/${encodeURIComponent(credentials.seller_id)}/${encodeURIComponent(listing.sku)}?marketplaceIds=${encodeURIComponent(credentials.marketplace_id)}`;
    const body = {
      productType: 'PRODUCT',
      patches: [
        { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: listing.quantity }] },
        {
          op: 'replace',
          path: '/attributes/purchasable_offer',
          value: [{ marketplace_id: credentials.marketplace_id, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: Number(listing.price) }] }] }],
        },
      ],
    };
    const answer = await callJson<{
      sku?: string;
      status?: string;
      submissionId?: string;
      issues?: Array<{ code: string; message: string; severity: string }>;
    }>(this.http, 'PATCH', url, { 'content-type': 'application/json', 'x-amz-access-token': token }, JSON.stringify(body));
    if (answer.status !== 'ACCEPTED') {
      throw new PlatformError(`Amazon: ${answer.status ?? 'no status'}: ${(answer.issues ?? []).map((i) => `${i.code} ${i.message}`).join('; ')}`);
    }
    return { externalId: answer.submissionId ?? listing.externalId };
  }

  private async accessToken(credentials: Credentials): Promise<string> {
    const key = `${credentials.access_key}:${credentials.refresh_token ?? ''}`;
    const known = this.tokens.get(key);
    if (known) {
      const token = await known.catch(() => undefined);
      if (token && token.expires > Date.now() + 60_000) return token.token;
      if (this.tokens.get(key) === known) this.tokens.delete(key);
    }
    let fetching = this.tokens.get(key);
    if (!fetching) {
      fetching = this.fetchToken(credentials);
      this.tokens.set(key, fetching);
      fetching.catch(() => this.tokens.delete(key));
    }
    return (await fetching).token;
  }

  private async fetchToken(credentials: Credentials): Promise<{ token: string; expires: number }> {
    if (!credentials.refresh_token) throw new PlatformError('Amazon: the connection has no refresh_token for Login with Amazon');
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refresh_token,
      client_id: credentials.access_key,
      client_secret: credentials.secret_key,
    });
    const answer = await callJson<{ access_token?: string; expires_in?: number }>(
      this.http,
      'POST',
      credentials.token_url ?? 'https://api.amazon.com/auth/o2/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      form.toString(),
    );
    if (!answer.access_token) throw new PlatformError('Amazon: Login with Amazon gave no access token');
    return { token: answer.access_token, expires: Date.now() + (answer.expires_in ?? 3600) * 1000 };
  }
}
