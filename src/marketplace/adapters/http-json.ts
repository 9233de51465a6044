import type { WebhookHttp } from '../../webhooks/relay/webhook-http';
import { PlatformError } from './adapter';

/** A JSON call through the guarded HTTP client: the parsed answer of a 2xx, else a PlatformError with the platform's words. */
export async function callJson<T>(http: WebhookHttp, method: string, url: string, headers: Record<string, string>, body: string): Promise<T> {
  const outcome = await http.request(method, url, headers, body);
  if (outcome.status === undefined) throw new PlatformError(outcome.error ?? 'No answer');
  if (outcome.status < 200 || outcome.status >= 300) throw new PlatformError(`HTTP ${outcome.status}: ${(outcome.body ?? '').slice(0, 500)}`);
  try {
    return (outcome.body ? JSON.parse(outcome.body) : {}) as T;
  } catch {
    throw new PlatformError(`HTTP ${outcome.status}: the answer is not JSON`);
  }
}
