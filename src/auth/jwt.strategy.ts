import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { aheadStatement, ReadAhead } from '../database/read-ahead';
import { claimsIdempotencyKey } from '../idempotency/idempotency.interceptor';
import { AuthContext } from './auth-context';
import { JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';
import { IdentityStore } from './identity.store';
import type { JwtClaims } from './token.service';

// Only reads are ever done ahead, whatever a route declares.
const READS = new Set(['GET', 'HEAD']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `Authorization: Bearer <jwt>`: HS256 only, our issuer and audience, an access token, a live user. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly identities: IdentityStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands this to jsonwebtoken, which takes a KeyObject; its typings say Buffer.
      secretOrKey: config.jwtKey as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(
    request: { method?: string; headers: Record<string, unknown>; params?: unknown; readAhead?: ReadAhead },
    claims: JwtClaims,
  ): Promise<AuthContext | false> {
    // Every access token we issue expires and belongs to a login session; one without either is not ours to honour.
    const wellFormed =
      claims.typ === 'access' &&
      UUID.test(claims.jti ?? '') &&
      UUID.test(claims.sid ?? '') &&
      /^\d{1,10}$/.test(claims.sub) &&
      Number.isSafeInteger(claims.cid) &&
      Number.isFinite(claims.exp);
    if (!wellFormed) return false;
    // The request's tenant transaction opens in the same round trip as this check, and a route
    // that ReadsAhead has its read done in it too (the auth guard closes what the request leaves
    // unused). A request that claims an idempotency key checks on its own: the claim needs a
    // connection of its own before the request's transaction starts, and a transaction parked
    // for each such request could leave the claims none.
    const user = claimsIdempotencyKey(request)
      ? await this.identities.activeUser(Number(claims.sub), claims.cid, claims.jti, claims.sid!)
      : await this.identities.activeUserOpening(
          request,
          Number(claims.sub),
          claims.cid,
          claims.jti,
          claims.sid!,
          READS.has(request.method ?? '') ? aheadStatement(request.readAhead, claims.cid, request.params) : undefined,
        );
    if (!user) return false;
    return {
      userId: user.id,
      companyId: user.companyId,
      role: user.role,
      credential: {
        kind: 'jwt',
        jti: claims.jti,
        sessionId: claims.sid!,
        expiresAt: new Date(claims.exp! * 1000),
      },
    };
  }
}
