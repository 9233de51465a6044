import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { authOf } from '../auth/auth-context';
import { AppError, Conflict, ValidationFailed } from '../common/errors/app-error';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import { IdempotencyKey } from './idempotency-key.entity';

const TTL_HOURS = 24;
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
 * Contract §8: a POST with an Idempotency-Key is done once per user and key for 24 hours.
 * The first request claims the key (committed at once, so a concurrent duplicate sees it),
 * its response is stored after the work committed, and repeats replay it. A failed request
 * gives the key back, so the client can retry with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly sessions: Sessions,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers['idempotency-key'];
    const auth = authOf(req as { user?: unknown });
    if (req.method !== 'POST' || header === undefined || !auth) return next.handle();
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

    const existing = await this.claim(key, req.method, path, fingerprint);
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
      if (existing.statusCode === null) throw new Conflict('A request with this Idempotency-Key is still being processed.');
      context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
      return of(existing.response);
    }
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.finish(key, status, body);
        return body;
      }),
      catchError((err: unknown) => from(this.release(key).then(() => Promise.reject(err)))),
    );
  }

  /** Null when this request now holds the key; otherwise the live record that already does. */
  private claim(key: Pick<IdempotencyKey, 'companyId' | 'userId' | 'key'>, method: string, path: string, fingerprint: string): Promise<IdempotencyKey | null> {
    return this.sessions.tenantSeparately(key.companyId, async (m) => {
      await m.query('delete from idempotency_keys where company_id = $1 and user_id = $2 and key = $3 and expires_at < now()', [
        key.companyId,
        key.userId,
        key.key,
      ]);
      const [claimed] = await sqlRows(
        m,
        `insert into idempotency_keys (company_id, user_id, key, method, path, fingerprint, expires_at)
         values ($1, $2, $3, $4, $5, $6, now() + interval '${TTL_HOURS} hours')
         on conflict do nothing returning key`,
        [key.companyId, key.userId, key.key, method, path, fingerprint],
      );
      return claimed ? null : m.findOneByOrFail(IdempotencyKey, key);
    });
  }

  private async finish(key: Pick<IdempotencyKey, 'companyId' | 'userId' | 'key'>, statusCode: number, body: unknown): Promise<void> {
    await this.sessions.tenantSeparately(key.companyId, (m) =>
      m.query('update idempotency_keys set status_code = $4, response = $5::jsonb where company_id = $1 and user_id = $2 and key = $3', [
        key.companyId,
        key.userId,
        key.key,
        statusCode,
        JSON.stringify(body ?? null),
      ]),
    );
  }

  private async release(key: Pick<IdempotencyKey, 'companyId' | 'userId' | 'key'>): Promise<void> {
    await this.sessions.tenantSeparately(key.companyId, (m) =>
      m.query('delete from idempotency_keys where company_id = $1 and user_id = $2 and key = $3 and status_code is null', [key.companyId, key.userId, key.key]),
    );
  }
}
