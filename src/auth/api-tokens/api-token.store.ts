import { Injectable } from '@nestjs/common';
import { User } from '../../accounts/entities/user.entity';
import { Sessions } from '../../database/sessions';
import { TokenSubject } from '../token.service';
import { ApiToken, ApiTokenKind } from './api-token.entity';
import { hashOpaqueToken, LAST_USED_RESOLUTION_MS, newOpaqueToken } from './opaque-token';

export interface IssuedOpaqueToken {
  token: string;
  row: ApiToken;
}

/**
 * Opaque tokens through the identity door: issued at login (before a tenant transaction
 * exists) and looked up by hash when a request presents one.
 */
@Injectable()
export class ApiTokenStore {
  constructor(private readonly sessions: Sessions) {}

  issue(subject: TokenSubject, kind: ApiTokenKind, expiresAt: Date | null, name = ''): Promise<IssuedOpaqueToken> {
    const { token, hash, prefix } = newOpaqueToken();
    return this.sessions.identity(async (m) => {
      const row = await m.save(
        ApiToken,
        m.create(ApiToken, { companyId: subject.companyId, userId: subject.id, kind, name, tokenHash: hash, prefix, expiresAt }),
      );
      return { token, row };
    });
  }

  /** The live token and its active user, or null; records when it was last used. */
  authenticate(token: string): Promise<{ row: ApiToken; user: User } | null> {
    return this.sessions.identity(async (m) => {
      const row = await this.live(m, token);
      if (!row) return null;
      const user = await m.findOneBy(User, { id: row.userId, companyId: row.companyId, isActive: true });
      if (!user) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await m.query('update api_tokens set last_used_at = now() where id = $1', [row.id]);
      }
      return { row, user };
    });
  }

  /** 001's validation: whether the token is live, and until when. */
  status(token: string): Promise<ApiToken | null> {
    return this.sessions.identity((m) => this.live(m, token));
  }

  /** 001's delete: revokes the token if it exists; says nothing either way. */
  async revoke(token: string): Promise<void> {
    await this.sessions.identity((m) =>
      m.query('update api_tokens set revoked_at = now() where token_hash = $1 and revoked_at is null', [hashOpaqueToken(token)]),
    );
  }

  private live(m: import('typeorm').EntityManager, token: string): Promise<ApiToken | null> {
    return m
      .createQueryBuilder(ApiToken, 't')
      .where('t.token_hash = :hash', { hash: hashOpaqueToken(token) })
      .andWhere('t.revoked_at is null')
      .andWhere('(t.expires_at is null or t.expires_at > now())')
      .getOne();
  }
}
