import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';

const LOCATION = 'stockroom:location';

interface LocationRule {
  /** Where the created resource lives, under /api/v1 (or /api), with `{id}`; default: the request's path + id. */
  path?: string;
  /** The new resource's id in the answer. */
  id: (body: unknown) => unknown;
}

const idOf = (body: unknown) => (body as { id?: unknown } | null)?.id;

/** The answer creates a resource: its URL goes in the `Location` header. */
export const CreatesResource = (path?: string, id: LocationRule['id'] = idOf) => SetMetadata(LOCATION, { path, id } satisfies LocationRule);

/** Sets `Location` on answers of routes marked with @CreatesResource, replayed idempotent answers included. */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<LocationRule | undefined>(LOCATION, context.getHandler());
    if (!rule) return next.handle();
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap((body) => {
        const id = rule.id(body);
        if (typeof id !== 'number') return;
        const pathname = new URL(http.getRequest<FastifyRequest>().url, 'http://x').pathname;
        const prefix = /^\/api\/v1\//.test(pathname) ? '/api/v1' : '/api';
        const location = rule.path ? `${prefix}/${rule.path.replace('{id}', String(id))}` : `${pathname.replace(/\/$/, '')}/${id}/`;
        http.getResponse<FastifyReply>().header('Location', location);
      }),
    );
  }
}
