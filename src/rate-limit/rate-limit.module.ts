import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { authOf } from '../auth/auth-context';
import { AuthModule } from '../auth/auth.module';
import { IdentityStore } from '../auth/identity.store';
import { AppConfig } from '../config/app-config';
import { LOGIN_LIMITED } from './rate-limit.decorators';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

type LoginBody = { username?: unknown; email?: unknown } | undefined;

/** The username or email a login form names, normalised; '' when there is none worth looking up. */
function loginOf(req: FastifyRequest): string {
  const body = req.body as LoginBody;
  const login = typeof body?.username === 'string' ? body.username : typeof body?.email === 'string' ? body.email : '';
  const normalised = login.trim().toLowerCase();
  // eslint-disable-next-line no-control-regex -- a login with control characters is not looked up
  return normalised.length <= 254 && !/[\u0000-\u001f]/.test(normalised) ? normalised : '';
}

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
      imports: [RateLimitStorageModule, AuthModule],
      inject: [AppConfig, RateLimitStorage, Reflector, IdentityStore],
      useFactory: (config: AppConfig, storage: RateLimitStorage, reflector: Reflector, identities: IdentityStore) => {
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
              limit: (context: ExecutionContext) => (authOf(context.switchToHttp().getRequest()) ? config.throttle.authPerHour : config.throttle.anonPerHour),
            },
            { name: 'burst', ttl: MINUTE, limit: config.throttle.burstPerMinute },
            {
              name: 'login',
              ttl: MINUTE,
              limit: config.throttle.loginPerMinute,
              skipIf: (context: ExecutionContext) => !isLogin(context),
              // Per client IP and account: the account's username and its email count as one.
              getTracker: async (req: Record<string, unknown>) => {
                const request = req as unknown as FastifyRequest;
                const login = loginOf(request);
                const account = login ? await identities.accountIdFor(login) : null;
                return `${request.ip}|${account === null ? `login:${login}` : `account:${account}`}`;
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
