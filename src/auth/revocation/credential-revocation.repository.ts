import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, Not } from 'typeorm';
import { Sessions } from '../../database/sessions';
import type { TenantKey } from '../../database/tenant-key';
import { ApiToken } from '../api-tokens/api-token.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { RevokedAccessToken } from '../sessions/revoked-access-token.entity';

/** The writes that end credentials, on the caller's tenant transaction. */
@Injectable()
export class CredentialRevocationRepository {
  constructor(private readonly sessions: Sessions) {}

  /** Revokes refresh tokens of one user (one session, or all but one, or all). */
  async revokeRefreshTokens(key: TenantKey, userId: number, sessions: { only?: string; except?: string } = {}): Promise<void> {
    const family = sessions.only !== undefined ? sessions.only : sessions.except !== undefined ? Not(sessions.except) : undefined;
    await this.sessions
      .managerFor(key)
      .update(
        RefreshToken,
        { companyId: key.companyId, userId, revokedAt: IsNull(), ...(family !== undefined && { familyId: family }) },
        { revokedAt: new Date() },
      );
  }

  /** Revokes opaque tokens of one user: all, one kind, or one token. */
  async revokeApiTokens(key: TenantKey, userId: number, which: { kind?: ApiToken['kind']; id?: number } = {}): Promise<number> {
    const result = await this.sessions
      .managerFor(key)
      .update(ApiToken, { companyId: key.companyId, userId, revokedAt: IsNull(), ...which }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Denies one access JWT until it expires; entries past their expiry are swept on the way. */
  async denyAccessToken(key: TenantKey, token: { jti: string; userId: number; expiresAt: Date }): Promise<void> {
    const m = this.sessions.managerFor(key);
    await m
      .createQueryBuilder()
      .insert()
      .into(RevokedAccessToken)
      .values({ ...token, companyId: key.companyId })
      .orIgnore()
      .execute();
    await m.delete(RevokedAccessToken, { companyId: key.companyId, expiresAt: LessThan(new Date()) });
  }
}
