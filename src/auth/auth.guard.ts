import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { AppError, NotAuthenticated } from '../common/errors/app-error';
import { READ_AHEAD, ReadAhead } from '../database/read-ahead';
import { Sessions } from '../database/sessions';
import { ApiTokenStore } from './api-tokens/api-token.store';
import { AuthContext } from './auth-context';
import { IS_PUBLIC } from './public.decorator';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthContext;
  /** Why authentication failed; answered as 401 by the access guard, after rate limiting. */
  authError?: AppError;
  /** The route's read, to be done with the token check (JwtStrategy). */
  readAhead?: ReadAhead;
}

const INVALID = 'Given token not valid for any token type';

function header(req: GuardedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The one global guard that identifies the caller, trying in order:
 * `Authorization: Bearer <jwt>`, `Authorization: Token <key>` or `api_token: <key>` (000),
 * and `X-Token: <token>` (001). It never refuses a request itself: it records the caller
 * (or why there is none), so the rate limiter counts every request before the access
 * guard answers 401.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokenStore,
    private readonly sessions: Sessions,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    req.readAhead = this.reflector.get<ReadAhead | undefined>(READ_AHEAD, context.getHandler());
    const outcome = await this.identify(context, req);
    // The request's tenant transaction may have opened with the token check (JwtStrategy): if the
    // request ends before its handler takes it (refused by a later guard, or the client gone,
    // even during the check), it is rolled back and its connection returned.
    const raw = context.switchToHttp().getResponse<{ raw: { closed: boolean; once(event: 'close', listener: () => void): unknown } }>().raw;
    const close = () => void this.sessions.closeOpenedAhead(req);
    if (raw.closed) close();
    else raw.once('close', close);
    if (outcome instanceof AppError) req.authError = outcome;
    else req.user = outcome;
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err;
    if (!user) throw new NotAuthenticated(INVALID);
    return user;
  }

  private async identify(context: ExecutionContext, req: GuardedRequest): Promise<AuthContext | AppError> {
    const authorization = header(req, 'authorization');
    if (authorization && /^Bearer\s/i.test(authorization)) {
      try {
        await super.canActivate(context);
        return req.user as AuthContext;
      } catch (err) {
        if (err instanceof AppError) return err;
        throw err;
      }
    }
    const opaque = /^Token\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? header(req, 'api_token') ?? header(req, 'x-token');
    if (opaque) {
      const found = await this.apiTokens.authenticate(opaque);
      if (!found) return new NotAuthenticated('Invalid token.');
      return {
        userId: found.user.id,
        companyId: found.user.companyId,
        role: found.user.role,
        credential: { kind: 'api_token', tokenId: found.row.id },
      };
    }
    return new NotAuthenticated(authorization ? INVALID : 'Authentication credentials were not provided.');
  }
}
