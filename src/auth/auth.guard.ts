import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { NotAuthenticated } from '../common/errors/app-error';
import { IS_PUBLIC } from './public.decorator';

/** The one global guard: every route needs a credential unless marked @Public(). */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T | false, info: unknown, context: ExecutionContext): T {
    if (err) throw err;
    if (!user) {
      const authorization = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
      throw new NotAuthenticated(
        authorization ? 'Given token not valid for any token type' : 'Authentication credentials were not provided.',
      );
    }
    return user;
  }
}
