import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { refusedAddress, refusedLiteralHost } from './network-guard';

/** What one attempt came to. */
export interface AttemptOutcome {
  /** The receiver's status; undefined when no answer came (refused address, network error, timeout). */
  status?: number;
  timeMs: number;
  /** The first KiB of the answer (or `keptBodyBytes`). */
  body?: string;
  error?: string;
  /** What a 429/502/503/504's Retry-After asked for, in milliseconds. */
  retryAfterMs?: number;
}

const KEPT_BODY_BYTES = 1024;
/** Read this much of an answer so its connection can be reused; a longer one is cut off. */
const DRAINED_BODY_BYTES = 64 * 1024;

class RefusedAddress extends Error {}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * Sends deliveries (webhooks, marketplace pushes) over keep-alive connections (one pool per endpoint host, in the agents),
 * never following redirects, and checking the address it connects to on every attempt: the
 * resolved address, not the host name registered, so DNS cannot point a webhook inward later.
 */
export class WebhookHttp {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(
    private readonly options: { allowPrivateNetworks: boolean; timeoutMs: number; keptBodyBytes?: number },
    private readonly resolve: typeof dnsLookup = dnsLookup,
  ) {
    const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => this.lookup(hostname, lookupOptions, callback);
    const agent = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: options.timeoutMs, lookup };
    this.http = new HttpAgent(agent);
    this.https = new HttpsAgent(agent);
  }

  /** Why the service may not deliver to this URL's host as written (an IP literal), if it may not. */
  refusedHost(url: URL): string | undefined {
    return this.options.allowPrivateNetworks ? undefined : refusedLiteralHost(url.hostname);
  }

  post(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    return this.request('POST', url, headers, body);
  }

  request(method: string, url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const refused = this.refusedHost(target);
    if (refused) return Promise.resolve({ timeMs: 0, error: `Refused to connect to ${target.hostname}: ${refused}` });
    const secure = target.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const request = (secure ? httpsRequest : httpRequest)(target, {
        method,
        agent: secure ? this.https : this.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
      });
      const timer = setTimeout(() => {
        request.destroy();
        finish({ timeMs: elapsed(), error: `No answer within ${this.options.timeoutMs / 1000} s` });
      }, this.options.timeoutMs);
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let received = 0;
        let kept = 0;
        const done = () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks)
            .subarray(0, this.options.keptBodyBytes ?? KEPT_BODY_BYTES)
            .toString('utf8');
          finish({
            status,
            timeMs: elapsed(),
            body: text,
            retryAfterMs: [429, 502, 503, 504].includes(status) ? retryAfterMs(response.headers['retry-after']) : undefined,
          });
        };
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (kept < (this.options.keptBodyBytes ?? KEPT_BODY_BYTES)) {
            chunks.push(chunk);
            kept += chunk.length;
          }
          if (received > DRAINED_BODY_BYTES) {
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('error', done);
      });
      request.on('error', (err) => {
        const reason = err instanceof RefusedAddress ? err.message : `${(err as NodeJS.ErrnoException).code ?? 'ERROR'}: ${err.message}`;
        finish({ timeMs: elapsed(), error: reason });
      });
      request.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    this.resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      if (!this.options.allowPrivateNetworks) {
        for (const { address } of list) {
          const reason = refusedAddress(address);
          if (reason) return callback(new RefusedAddress(`Refused to connect to ${hostname} (${address}): ${reason}`), []);
        }
      }
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  }
}
