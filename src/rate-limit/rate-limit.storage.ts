import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One fixed window per key: the first hit starts it, and a caller over the limit is blocked
 * for blockDuration. Atomic in Redis, so every instance sees the same count.
 */
const INCREMENT = `
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockTtl}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

/**
 * The same fixed windows in this process's memory, O(1) per request. (The throttler's own
 * memory storage keeps every hit's expiry and filters them all on each request: with hourly
 * limits that is thousands of timestamps per caller, and it grows with the load.)
 */
class MemoryWindows {
  private readonly windows = new Map<string, Window>();
  private sweptAt = Date.now();

  increment(key: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord {
    const now = Date.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (window && window.blockedUntil > now) {
      return { totalHits: window.hits, timeToExpire: seconds(window.endsAt - now), isBlocked: true, timeToBlockExpire: seconds(window.blockedUntil - now) };
    }
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    if (window.hits > limit) {
      window.blockedUntil = now + blockDuration;
      return { totalHits: window.hits, timeToExpire: seconds(window.endsAt - now), isBlocked: true, timeToBlockExpire: seconds(blockDuration) };
    }
    return { totalHits: window.hits, timeToExpire: seconds(window.endsAt - now), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Once a minute, forgets the windows that have ended and block nobody. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(key);
  }
}

/** Rate-limit counters: in Redis when REDIS_URL is set (shared by instances), in memory otherwise. */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis | null;
  private readonly memory = new MemoryWindows();
  private readonly logger = new Logger('RateLimit');

  constructor(config: AppConfig) {
    // No offline queue: while Redis is unreachable a call fails at once and the request is let through.
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { keyPrefix: `${config.redisKeyPrefix}rl:`, maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null;
    this.redis?.on('error', (err) => this.logger.warn(`Redis: ${err.message}`));
    this.redis?.defineCommand('stockroomIncrement', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttler: string): Promise<ThrottlerStorageRecord> {
    if (!this.redis) return this.memory.increment(key, ttl, limit, blockDuration);
    const redis = this.redis as Redis & { stockroomIncrement(...args: Array<string | number>): Promise<number[]> };
    try {
      const [hits, ttlMs, blocked, blockMs] = await redis.stockroomIncrement(`${key}:hits`, `${key}:block`, ttl, limit, blockDuration);
      return { totalHits: hits, timeToExpire: seconds(ttlMs), isBlocked: blocked === 1, timeToBlockExpire: seconds(blockMs) };
    } catch (err) {
      // Fail open: an unreachable Redis must not take the API down with it.
      this.logger.warn(`Rate limit not applied (${(err as Error).message})`);
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
