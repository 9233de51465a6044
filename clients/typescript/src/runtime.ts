import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export interface InventoryAPIOptions {
  /** An access token (a JWT, sent as `Bearer`) or an opaque token (sent as `Token`). */
  token?: string;
  /** An integration key or login key, sent as `Authorization: Token <key>`. */
  apiKey?: string;
  /** A refresh token: with it, an access token that expires is renewed on the next 401. */
  refreshToken?: string;
  /**
   * Where the API is served. Default: `INVENTORY_API_URL` from the environment where there is
   * one (Node), else `http://localhost:8000`.
   */
  baseUrl?: string;
  /** How many times a 429 or 503 answer is retried (default 3; 0 turns retries off). */
  maxRetries?: number;
  /** The longest wait before a retry; a `Retry-After` asking for more is not waited for (default 30 s). */
  maxRetryDelayMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A fetch to use instead of the global one (a proxy-aware fetch, a test double). */
  fetch?: typeof fetch;
  /** Called whenever sign-in or a refresh gives the client new tokens, to store them. */
  onTokens?: (tokens: { access: string; refresh?: string }) => void;
}

export interface RequestOptions {
  /** The Idempotency-Key of a POST; one is generated when not given. Reuse it to retry safely. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The error envelope every failing answer carries: `{"error": {"code", "status", "message", "details"}}`. */
export class StockroomError extends Error {
  override readonly name = 'StockroomError';

  constructor(
    /** A stable code such as `VALIDATION_ERROR`, `NOT_FOUND`, `PERMISSION_DENIED`, `RATE_LIMITED`. */
    readonly code: string,
    /** The HTTP status. */
    readonly status: number,
    message: string,
    /** Field errors (`{field: [messages]}`) or other details of the failure. */
    readonly details: unknown,
    /** The server's X-Request-Id, to quote when reporting a problem. */
    readonly requestId: string | undefined,
    /** The answer's body as received. */
    readonly body: unknown,
  ) {
    super(message);
  }

  static from(response: Response, body: unknown): StockroomError {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const envelope = (body as { error?: unknown } | null)?.error;
    if (envelope && typeof envelope === 'object') {
      const error = envelope as { code?: unknown; message?: unknown; details?: unknown };
      return new StockroomError(
        String(error.code ?? `HTTP_${response.status}`),
        response.status,
        String(error.message ?? response.statusText),
        error.details ?? null,
        requestId,
        body,
      );
    }
    // Routes kept for older clients answer in their own shapes ({detail}, {field: [...]}).
    const detail = (body as { detail?: unknown } | null)?.detail;
    const message = typeof detail === 'string' ? detail : typeof body === 'string' && body ? body : response.statusText || `HTTP ${response.status}`;
    return new StockroomError(`HTTP_${response.status}`, response.status, message, typeof body === 'object' ? body : null, requestId, body);
  }
}

type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] };
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Call = { path?: Record<string, unknown>; query?: object; body?: unknown; parseAs?: 'json' | 'text' };

/** Routes whose successful answer carries new tokens for this client (sign-in, refresh). */
const SESSION_ROUTES = /\/api(?:\/v1)?\/(?:auth\/login|auth\/register|auth\/token\/refresh|auth\/refresh|accounts\/auth\/login|accounts\/auth\/refresh)\/?$/;
const JWT = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;

function defaultBaseUrl(): string {
  // Read without importing anything Node-only, so the package also runs in browsers.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.INVENTORY_API_URL || 'http://localhost:8000';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every generated client does around its operations: credentials, the refresh of an
 * expired access token, Idempotency-Keys, bounded retries of 429/503, errors and pagination.
 */
export class StockroomClient {
  readonly baseUrl: string;
  protected readonly http: Client<paths>;
  private access?: string;
  private refresh?: string;
  private readonly apiKey?: string;
  private refreshing?: Promise<boolean>;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: InventoryAPIOptions = {}) {
    this.baseUrl = (options.baseUrl ?? defaultBaseUrl()).replace(/\/+$/, '');
    this.access = options.token;
    this.refresh = options.refreshToken;
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.http = createClient<paths>({ baseUrl: this.baseUrl, fetch: (request) => this.send(request), headers: options.headers });
  }

  /** The tokens the client holds: the access token in use and the refresh token (it changes on every refresh). */
  get tokens(): { access?: string; refresh?: string } {
    return { access: this.access, refresh: this.refresh };
  }

  /** Use these credentials from now on. */
  setTokens(tokens: { access?: string; refresh?: string }): void {
    if (tokens.access !== undefined) this.access = tokens.access;
    if (tokens.refresh !== undefined) this.refresh = tokens.refresh;
  }

  protected async call<T>(method: Method, path: string, call: Call, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const init = {
      params: { path: call.path, query: call.query },
      body: call.body,
      headers,
      signal: options.signal,
      parseAs: call.parseAs ?? 'json',
      // Multipart bodies go as they are, so fetch sets the boundary.
      ...(call.body instanceof FormData ? { bodySerializer: (body: FormData) => body } : {}),
    };
    const { data, error, response } = await (
      this.http.request as (m: string, p: string, i: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>
    )(method, path, init);
    if (!response.ok) throw StockroomError.from(response, error);
    return data as T;
  }

  /** Every item of a list, page after page, following `next` (page numbers or a cursor). */
  protected async *iterate<T>(fetchPage: (query: Record<string, unknown>) => Promise<Page<T>>, query: object = {}): AsyncGenerator<T, void, undefined> {
    let current: Record<string, unknown> = { ...query };
    for (;;) {
      const page = await fetchPage(current);
      yield* page.results;
      if (!page.next || page.results.length === 0) return;
      // The next link's query, sent to our own base URL (the link may name a public host).
      const next: Record<string, unknown> = {};
      for (const [key, value] of new URL(page.next).searchParams) {
        const seen = next[key];
        next[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      current = next;
    }
  }

  private authorization(): string | undefined {
    if (this.access) return JWT.test(this.access) ? `Bearer ${this.access}` : `Token ${this.access}`;
    if (this.apiKey) return `Token ${this.apiKey}`;
    return undefined;
  }

  /** The transport under openapi-fetch: credentials, retries, refresh and token capture. */
  private async send(request: Request): Promise<Response> {
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
    const session = SESSION_ROUTES.test(new URL(request.url).pathname);
    const ownAuthorization = request.headers.has('Authorization');
    const maxRetries = this.options.maxRetries ?? 3;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const outgoing = request.clone();
      const authorization = this.authorization();
      if (!ownAuthorization && !session && authorization) outgoing.headers.set('Authorization', authorization);
      const response = await this.fetchImpl(outgoing);
      if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
        const delay = this.retryDelay(response, attempt);
        if (delay !== undefined) {
          await response.body?.cancel();
          await sleep(delay);
          continue;
        }
      }
      if (response.status === 401 && !session && !ownAuthorization && !refreshed && this.refresh) {
        refreshed = true;
        if (await this.renew()) {
          await response.body?.cancel();
          attempt--;
          continue;
        }
      }
      if (session && response.ok) await this.capture(response.clone());
      return response;
    }
  }

  /** Milliseconds to wait before retrying, or undefined when the server asks for longer than allowed. */
  private retryDelay(response: Response, attempt: number): number | undefined {
    const limit = this.options.maxRetryDelayMs ?? 30_000;
    const header = response.headers.get('retry-after');
    let delay = Math.min(500 * 2 ** attempt, limit);
    if (header) {
      const seconds = Number(header);
      delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
      if (!Number.isFinite(delay)) delay = 0;
    }
    delay = Math.max(0, delay);
    return delay > limit ? undefined : delay;
  }

  /** One refresh at a time, shared by every request that met the expired token. */
  private renew(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const response = await this.fetchImpl(`${this.baseUrl}/api/v1/auth/token/refresh/`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh: this.refresh }),
        });
        if (!response.ok) {
          await response.body?.cancel();
          this.refresh = undefined;
          return false;
        }
        await this.capture(response);
        return true;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async capture(response: Response): Promise<void> {
    const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    // Sign-up nests its pair under `tokens`; the sign-ins and refreshes answer it at the top.
    const body = (answer?.tokens ?? answer) as Record<string, unknown> | null;
    const access = body?.access ?? body?.access_token;
    const refresh = body?.refresh ?? body?.refresh_token;
    if (typeof access !== 'string') return;
    this.access = access;
    if (typeof refresh === 'string') this.refresh = refresh;
    this.options.onTokens?.({ access, refresh: this.refresh });
  }
}
