import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { LegacyRole } from '../accounts/entities/user.entity';
import type { TenantKey } from '../database/tenant-key';

/** Who is calling: set by the global guard, handed explicitly to every service call. */
export interface AuthContext extends TenantKey {
  readonly userId: number;
  readonly companyId: number;
  readonly role: LegacyRole;
  readonly credential: JwtCredential | ApiTokenCredential;
}

/** A Bearer access token. */
export interface JwtCredential {
  readonly kind: 'jwt';
  readonly jti: string;
  /** The login session (refresh-token family) it was issued for. */
  readonly sessionId: string | null;
  readonly expiresAt: Date;
}

/** An opaque token: 000's key (Authorization: Token / api_token), 001's X-Token, or an integration key. */
export interface ApiTokenCredential {
  readonly kind: 'api_token';
  readonly tokenId: number;
}

/** The login session the request belongs to, if its credential has one. */
export function sessionOf(auth: AuthContext): string | null {
  return auth.credential.kind === 'jwt' ? auth.credential.sessionId : null;
}

export function authOf(request: { user?: unknown }): AuthContext | undefined {
  return request.user as AuthContext | undefined;
}

/** The caller's AuthContext, in a controller handler. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = authOf(ctx.switchToHttp().getRequest());
  if (!auth) throw new Error('CurrentAuth used on a public route');
  return auth;
});
