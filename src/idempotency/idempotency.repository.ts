import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import { IdempotencyKey } from './idempotency-key.entity';

const TTL_HOURS = 24;

export type KeyOf = Pick<IdempotencyKey, 'companyId' | 'userId' | 'key'>;

/**
 * Idempotency keys. Each method commits on its own (a claim must be visible to a concurrent
 * duplicate at once, and the stored answer must outlive the request's transaction).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sessions: Sessions) {}

  /** Null when the caller now holds the key (for TTL_HOURS); otherwise the live record that already does. */
  claim(key: KeyOf, method: string, path: string, fingerprint: string): Promise<IdempotencyKey | null> {
    return this.sessions.tenantSeparately(key.companyId, async (m) => {
      await sqlRows(m, 'delete from idempotency_keys where company_id = $1 and user_id = $2 and key = $3 and expires_at < now()', [
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

  /** Stores the answer that repeats replay. */
  async finish(key: KeyOf, statusCode: number, body: unknown): Promise<void> {
    await this.sessions.tenantSeparately(key.companyId, (m) =>
      sqlRows(m, 'update idempotency_keys set status_code = $4, response = $5::jsonb where company_id = $1 and user_id = $2 and key = $3', [
        key.companyId,
        key.userId,
        key.key,
        statusCode,
        JSON.stringify(body ?? null),
      ]),
    );
  }

  /** Gives an unanswered key back, so the client can retry with it. */
  async release(key: KeyOf): Promise<void> {
    await this.sessions.tenantSeparately(key.companyId, (m) =>
      sqlRows(m, 'delete from idempotency_keys where company_id = $1 and user_id = $2 and key = $3 and status_code is null', [
        key.companyId,
        key.userId,
        key.key,
      ]),
    );
  }
}
