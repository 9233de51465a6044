import { Injectable } from '@nestjs/common';
import type { TenantKey } from '../../database/tenant-key';
import type { ApiToken } from '../api-tokens/api-token.entity';
import { AuthContext, sessionOf } from '../auth-context';
import { CredentialRevocationRepository } from './credential-revocation.repository';

/**
 * The one way credentials end. An access JWT names its login session (`sid`), and the
 * guard refuses it once that session is revoked, so ending a session ends its access
 * tokens on their very next use, not when they expire.
 */
@Injectable()
export class CredentialRevocation {
  constructor(private readonly repository: CredentialRevocationRepository) {}

  /** Logout: one login session (its refresh tokens and so its access tokens). */
  endSession(key: TenantKey, userId: number, sessionId: string): Promise<void> {
    return this.repository.revokeRefreshTokens(key, userId, { only: sessionId });
  }

  /** Password change: every other session and every opaque token; the caller's own session stays. */
  async endAllButCurrent(auth: AuthContext): Promise<void> {
    const current = sessionOf(auth);
    await this.repository.revokeRefreshTokens(auth, auth.userId, current ? { except: current } : {});
    await this.repository.revokeApiTokens(auth, auth.userId);
  }

  /**
   * Member removed or deactivated: every session and every key, for good. Reactivating the
   * member brings none of them back; they sign in again and create new keys.
   */
  async endEverything(key: TenantKey, userId: number): Promise<void> {
    await this.repository.revokeRefreshTokens(key, userId);
    await this.repository.revokeApiTokens(key, userId);
  }

  /** The credential the caller is using right now, and its session if it has one. */
  async endCurrentCredential(auth: AuthContext): Promise<void> {
    if (auth.credential.kind === 'jwt') {
      await this.repository.denyAccessToken(auth, { jti: auth.credential.jti, userId: auth.userId, expiresAt: auth.credential.expiresAt });
    } else {
      await this.repository.revokeApiTokens(auth, auth.userId, { id: auth.credential.tokenId });
    }
    const session = sessionOf(auth);
    if (session) await this.endSession(auth, auth.userId, session);
  }

  /** Opaque tokens of a user: all of one kind (000's login keys) or a single one; how many ended. */
  revokeApiTokens(key: TenantKey, userId: number, which: { kind?: ApiToken['kind']; id?: number }): Promise<number> {
    return this.repository.revokeApiTokens(key, userId, which);
  }
}
