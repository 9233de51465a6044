import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { LegacyRole } from '../accounts/entities/user.entity';
import type { TenantKey } from '../database/tenant-repository';

/** Who is calling: set by the global guard, handed explicitly to every service call. */
export interface AuthContext extends TenantKey {
  readonly userId: number;
  readonly companyId: number;
  readonly role: LegacyRole;
  /** The id (jti) of the credential used for this request. */
  readonly tokenId: string;
  /** The login session (refresh-token family) the credential belongs to, if any. */
  readonly sessionId: string | null;
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
