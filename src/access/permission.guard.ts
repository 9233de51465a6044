import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authOf } from '../auth/auth-context';
import { IS_PUBLIC } from '../auth/public.decorator';
import { NotAuthenticated, PermissionDenied } from '../common/errors/app-error';
import { Sessions } from '../database/sessions';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { AccessService } from './access.service';

/**
 * Runs after the auth guard and the rate limiter: answers 401 for a missing or bad credential,
 * then applies the route's rule. Every route must state one (@Public, @Authenticated or
 * @RequirePermission); a route that states none is refused, so a forgotten rule fails closed.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, targets);
    const request = context.switchToHttp().getRequest<{ user?: unknown; authError?: Error }>();
    const auth = authOf(request);
    if (!auth) throw request.authError ?? new NotAuthenticated();
    if (!rule) throw new PermissionDenied();
    if (rule.kind === 'authenticated') return true;
    if (this.access.holdsCompanyWide(auth, rule.permission)) return true;
    if (rule.scope === 'company') throw PermissionDenied.missing(rule.permission);
    // Only users whose company role falls short pay for reading their assignments.
    const held = await this.sessions.tenant(auth.companyId, () => this.access.holdsAnywhere(auth, rule.permission), request);
    if (!held) throw PermissionDenied.missing(rule.permission);
    return true;
  }
}
