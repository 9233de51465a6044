import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { authOf } from '../auth/auth-context';
import { AppError, Conflict, ValidationFailed } from '../common/errors/app-error';
import { IdempotencyRepository } from './idempotency.repository';

const KEY = /^[\x21-\x7e]{1,255}$/;

export class IdempotencyKeyReused extends AppError {
  constructor() {
    super(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request.');
  }
}

/** JSON with sorted keys, so the same body always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Whether the request claims an idempotency key (a POST with the header): the interceptor then
 * commits the claim on a connection of its own before the request's transaction starts.
 */
export const claimsIdempotencyKey = (req: { method?: string; headers: Record<string, unknown> }): boolean =>
  req.method === 'POST' && req.headers['idempotency-key'] !== undefined;

/**
 * A POST with an Idempotency-Key is done once per user and key for 24 hours.
 * The first request claims the key (committed at once, so a concurrent duplicate sees it),
 * its response is stored after the work committed, and repeats replay it. A failed request
 * gives the key back, so the client can retry with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers['idempotency-key'];
    const auth = authOf(req as { user?: unknown });
    if (!claimsIdempotencyKey(req) || !auth) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw ValidationFailed.field('Idempotency-Key', 'Use 1 to 255 printable characters.');
    }
    // /api/v1/x/ and /api/x are one route: one key space.
    const path = new URL(req.url, 'http://x').pathname.replace(/^\/api\/v1\//, '/api/').replace(/\/$/, '');
    // An upload is not read before it is handled (it may be a gigabyte): its query string and
    // size stand for it, so a repeat of the same upload replays the job the first one started.
    const body = req.isMultipart() ? { multipart: req.url.split('?')[1] ?? '', length: req.headers['content-length'] ?? null } : req.body;
    const fingerprint = createHash('sha256')
      .update(canonical([req.method, path, body]))
      .digest('hex');
    const key = { companyId: auth.companyId, userId: auth.userId, key: header };

    const existing = await this.keys.claim(key, req.method, path, fingerprint);
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
      if (existing.statusCode === null) throw new Conflict('A request with this Idempotency-Key is still being processed.');
      context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
      return of(existing.response);
    }
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.keys.finish(key, status, body);
        return body;
      }),
      catchError((err: unknown) => from(this.keys.release(key).then(() => Promise.reject(err)))),
    );
  }
}
