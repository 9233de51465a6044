import { signatures } from '../../webhooks/signing';
import type { WebhookHttp } from '../../webhooks/relay/webhook-http';
import type { Credentials } from '../credentials';
import type { MarketplaceAdapter, PushRequest, PushResult } from './adapter';
import { callJson } from './http-json';

/**
 * Any partner middleware: `POST {endpoint_url}` with the listing as JSON, signed like webhooks
 * (Standard Webhooks headers) when a signing secret is set. An answer `{"external_id": ...}` is kept.
 */
export class CustomAdapter implements MarketplaceAdapter {
  constructor(private readonly http: WebhookHttp) {}

  async push(credentials: Credentials, listing: PushRequest): Promise<PushResult> {
    const id = `listing_${listing.productId}_${Date.now()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: 'listing.updated',
      product_id: listing.productId,
      sku: listing.sku,
      price: Number(listing.price),
      quantity: listing.quantity,
      previous_quantity: listing.pushedQuantity,
      external_id: listing.externalId,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp) };
    if (credentials.signing_secret) headers['webhook-signature'] = signatures([credentials.signing_secret], id, timestamp, body);
    const answer = await callJson<{ external_id?: unknown }>(this.http, 'POST', credentials.endpoint_url, headers, body);
    return { externalId: typeof answer.external_id === 'string' ? answer.external_id : listing.externalId };
  }
}
