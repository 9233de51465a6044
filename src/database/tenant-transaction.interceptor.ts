import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Sessions } from './sessions';
import type { TenantKey } from './tenant-key';

/**
 * Runs each authenticated request in one transaction scoped to the caller's company, so
 * every query the handler makes sees only that company (and commits or rolls back together).
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(private readonly sessions: Sessions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ user?: TenantKey }>();
    const tenant = request.user;
    if (!tenant) return next.handle();
    // The request's transaction may already be open, or its read done, with the token check.
    return from(this.sessions.handle(tenant.companyId, () => lastValueFrom(next.handle(), { defaultValue: undefined }), request));
  }
}
