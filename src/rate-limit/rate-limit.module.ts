import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { authOf } from '../auth/auth-context';
import { AppConfig } from '../config/app-config';
import { LOGIN_LIMITED } from './rate-limit.decorators';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

type LoginBody = { username?: unknown; email?: unknown } | undefined;

/** A signed-in user is limited as themself; anyone else by client IP (X-Forwarded-For only with TRUST_PROXY). */
function caller(req: FastifyRequest): string {
  const auth = authOf(req as { user?: unknown });
  return auth ? `user:${auth.companyId}:${auth.userId}` : `ip:${req.ip}`;
}

@Module({ providers: [RateLimitStorage], exports: [RateLimitStorage] })
class RateLimitStorageModule {}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [AppConfig, RateLimitStorage, Reflector],
      useFactory: (config: AppConfig, storage: RateLimitStorage, reflector: Reflector) => {
        const isLogin = (context: ExecutionContext) => reflector.getAllAndOverride<boolean>(LOGIN_LIMITED, [context.getHandler(), context.getClass()]) === true;
        return {
          storage,
          // One counter per caller and limit across all routes (the default would count per route).
          generateKey: (_context: ExecutionContext, tracker: string, throttler: string) => `${throttler}:${tracker}`,
          getTracker: (req: Record<string, unknown>) => caller(req as unknown as FastifyRequest),
          throttlers: [
            {
              name: 'default',
              ttl: HOUR,
              limit: (context: ExecutionContext) =>
                authOf(context.switchToHttp().getRequest()) ? config.throttle.authPerHour : config.throttle.anonPerHour,
            },
            { name: 'burst', ttl: MINUTE, limit: config.throttle.burstPerMinute },
            {
              name: 'login',
              ttl: MINUTE,
              limit: config.throttle.loginPerMinute,
              skipIf: (context: ExecutionContext) => !isLogin(context),
              getTracker: (req: Record<string, unknown>) => {
                const body = (req as unknown as FastifyRequest).body as LoginBody;
                const login = typeof body?.username === 'string' ? body.username : typeof body?.email === 'string' ? body.email : '';
                return `${(req as unknown as FastifyRequest).ip}|${login.trim().toLowerCase()}`;
              },
            },
          ],
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
