import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { REFRESH_TOKEN_TTL_SECONDS } from './auth.constants';

export interface TokenSubject {
  id: number;
  companyId: number;
}

/** Claims of our JWTs. `typ` keeps a refresh token from being used as an access token. */
export interface JwtClaims {
  sub: string;
  cid: number;
  typ: 'access' | 'refresh';
  jti: string;
  /** Refresh tokens only: the login session (token family) the token belongs to. */
  fam?: string;
  /** Access tokens only: the login session they were issued for. */
  sid?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
}

export interface IssuedRefreshToken {
  token: string;
  jti: string;
  familyId: string;
  expiresAt: Date;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issueAccess(subject: TokenSubject, sessionId: string): { token: string; jti: string; expiresIn: number } {
    const jti = randomUUID();
    const claims: JwtClaims = { sub: String(subject.id), cid: subject.companyId, typ: 'access', jti, sid: sessionId };
    const expiresIn = this.config.accessTokenTtlSeconds;
    return { token: this.jwt.sign(claims, { expiresIn }), jti, expiresIn };
  }

  issueRefresh(subject: TokenSubject, familyId: string = randomUUID()): IssuedRefreshToken {
    const jti = randomUUID();
    const claims: JwtClaims = { sub: String(subject.id), cid: subject.companyId, typ: 'refresh', jti, fam: familyId };
    const token = this.jwt.sign(claims, { expiresIn: REFRESH_TOKEN_TTL_SECONDS });
    return { token, jti, familyId, expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000) };
  }

  /** The claims of a well-formed, unexpired refresh token signed by us; null for anything else. */
  verifyRefresh(token: string): (JwtClaims & { fam: string }) | null {
    try {
      const claims = this.jwt.verify<JwtClaims>(token);
      if (claims.typ !== 'refresh' || !claims.jti || !claims.fam || !/^\d+$/.test(claims.sub) || !Number.isFinite(claims.exp)) return null;
      return claims as JwtClaims & { fam: string };
    } catch {
      return null;
    }
  }
}
