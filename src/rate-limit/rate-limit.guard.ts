import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';

/** IETF RateLimit field names per throttler ("default" is the hourly quota). */
const POLICY_NAME: Record<string, string> = { default: 'hourly', burst: 'burst', login: 'login' };
const POLICIES = Symbol('rateLimitPolicies');

interface PolicyState {
  name: string;
  limit: number;
  window: number;
  remaining: number;
  reset: number;
}

type RateLimitedRequest = FastifyRequest & { [POLICIES]?: PolicyState[] };

export class RateLimited extends AppError {
  constructor(retryAfter: number) {
    super(429, 'RATE_LIMITED', `Request was throttled. Expected available in ${retryAfter} second(s).`, undefined, {
      'Retry-After': String(retryAfter),
    });
  }
}

/**
 * Rate limits on top of @nestjs/throttler: every /api response carries
 * X-RateLimit-Limit/-Remaining/-Reset (unix seconds) for the hourly quota, the other limits
 * the same headers suffixed with their name, and the IETF RateLimit-Policy / RateLimit
 * fields for all of them; a refusal is 429 RATE_LIMITED with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const url = context.switchToHttp().getRequest<FastifyRequest>().url;
    return !(url === '/api' || url.startsWith('/api/') || url.startsWith('/api?'));
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration, getTracker, generateKey }: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(context);
    const name = throttler.name ?? 'default';
    const tracker = await getTracker(req, context);
    const record = await this.storageService.increment(generateKey(context, tracker, name), ttl, limit, blockDuration, name);
    const resetIn = record.isBlocked ? Math.max(record.timeToBlockExpire, 1) : record.timeToExpire;
    const suffix = name === 'default' ? '' : `-${name}`;
    const remaining = record.isBlocked ? 0 : Math.max(0, limit - record.totalHits);

    this.setResponseHeader(res, `X-RateLimit-Limit${suffix}`, limit);
    this.setResponseHeader(res, `X-RateLimit-Remaining${suffix}`, remaining);
    this.setResponseHeader(res, `X-RateLimit-Reset${suffix}`, Math.floor(Date.now() / 1000) + resetIn);

    const request = req as RateLimitedRequest;
    const policies = (request[POLICIES] ??= []);
    policies.push({ name: POLICY_NAME[name] ?? name, limit, window: Math.round(ttl / 1000), remaining, reset: resetIn });
    this.setResponseHeader(res, 'RateLimit-Policy', policies.map((p) => `"${p.name}";q=${p.limit};w=${p.window}`).join(', '));
    this.setResponseHeader(res, 'RateLimit', policies.map((p) => `"${p.name}";r=${p.remaining};t=${p.reset}`).join(', '));

    if (record.isBlocked) throw new RateLimited(resetIn);
    return true;
  }
}
