import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from './env.schema';

/** Typed view of the validated environment. The one place that knows variable names. */
@Injectable()
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly databasePoolSize: number;
  readonly corsOrigins: string[];
  readonly logLevel: string;
  readonly dataDir: string;
  readonly trustProxy: boolean;
  /** Base of absolute links (no trailing slash); unset: the request's own scheme and host. */
  readonly publicUrl?: string;
  /**
   * The HS256 key as a KeyObject: jsonwebtoken given a string first tries (and fails) to read
   * it as a public key on every verification, which cost ~6 % of the server's CPU.
   */
  readonly jwtKey: KeyObject;
  readonly redisUrl?: string;
  /** AES-256 key for secrets at rest. */
  readonly encryptionKey: Buffer;
  readonly stripeApiBase: string;
  readonly importMaxBytes: number;
  readonly accessTokenTtlSeconds: number;
  readonly webhooks: {
    relay: boolean;
    pollMs: number;
    allowPrivateNetworks: boolean;
    httpsOnly: boolean;
    /** Milliseconds from the nth failed attempt to the next. */
    retrySchedule: number[];
    disableAfterMs: number;
    timeoutMs: number;
  };
  readonly eventsRetentionDays: number;
  readonly marketplace: { pusher: boolean; pushIntervalMs: number; pollMs: number };
  readonly redisKeyPrefix: string;
  /** Requests allowed per caller and window. */
  readonly throttle: { authPerHour: number; anonPerHour: number; burstPerMinute: number; loginPerMinute: number };

  constructor(config: ConfigService<Env, true>) {
    this.nodeEnv = config.get('NODE_ENV', { infer: true });
    this.port = config.get('PORT', { infer: true });
    this.host = config.get('HOST', { infer: true });
    this.databaseUrl = config.get('DATABASE_URL', { infer: true });
    this.databasePoolSize = config.get('DATABASE_POOL_SIZE', { infer: true });
    this.corsOrigins = config
      .get('CORS_ORIGINS', { infer: true })
      .split(',')
      .map((o: string) => o.trim())
      .filter(Boolean);
    this.logLevel = config.get('LOG_LEVEL', { infer: true });
    this.dataDir = resolve(config.get('DATA_DIR', { infer: true }));
    this.trustProxy = config.get('TRUST_PROXY', { infer: true });
    this.publicUrl = config.get('PUBLIC_URL', { infer: true })?.replace(/\/+$/, '');
    this.jwtKey = createSecretKey(Buffer.from(config.get('JWT_SECRET', { infer: true }) ?? this.developmentSecret('jwt-secret')));
    this.redisUrl = config.get('REDIS_URL', { infer: true });
    this.encryptionKey = Buffer.from(config.get('ENCRYPTION_KEY', { infer: true }) ?? this.developmentSecret('encryption-key', 32), 'base64');
    if (this.encryptionKey.length !== 32) throw new Error('ENCRYPTION_KEY must decode to 32 bytes');
    this.stripeApiBase = config.get('STRIPE_API_BASE', { infer: true });
    this.importMaxBytes = config.get('IMPORT_MAX_BYTES', { infer: true });
    this.accessTokenTtlSeconds = config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    const production = this.nodeEnv === 'production';
    this.webhooks = {
      relay: config.get('WEBHOOKS_RELAY', { infer: true }),
      pollMs: config.get('WEBHOOKS_POLL_MS', { infer: true }),
      allowPrivateNetworks: config.get('WEBHOOKS_ALLOW_PRIVATE_NETWORKS', { infer: true }) ?? !production,
      httpsOnly: config.get('WEBHOOKS_REQUIRE_HTTPS', { infer: true }) ?? production,
      retrySchedule: config
        .get('WEBHOOKS_RETRY_SCHEDULE', { infer: true })
        .split(',')
        .map((seconds: string) => Number(seconds) * 1000),
      disableAfterMs: config.get('WEBHOOKS_DISABLE_AFTER_HOURS', { infer: true }) * 3600_000,
      timeoutMs: config.get('WEBHOOKS_TIMEOUT_MS', { infer: true }),
    };
    this.eventsRetentionDays = config.get('EVENTS_RETENTION_DAYS', { infer: true });
    this.marketplace = {
      pusher: config.get('MARKETPLACE_PUSHER', { infer: true }),
      pushIntervalMs: config.get('MARKETPLACE_PUSH_INTERVAL_S', { infer: true }) * 1000,
      pollMs: config.get('MARKETPLACE_POLL_MS', { infer: true }),
    };
    this.redisKeyPrefix = config.get('REDIS_KEY_PREFIX', { infer: true });
    this.throttle = {
      authPerHour: config.get('THROTTLE_AUTH_PER_HOUR', { infer: true }),
      anonPerHour: config.get('THROTTLE_ANON_PER_HOUR', { infer: true }),
      burstPerMinute: config.get('THROTTLE_BURST_PER_MINUTE', { infer: true }),
      loginPerMinute: config.get('THROTTLE_LOGIN_PER_MINUTE', { infer: true }),
    };
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** Outside production a missing secret is generated once and kept under DATA_DIR (mode 0600). */
  private developmentSecret(name: string, bytes = 48): string {
    const file = join(this.dataDir, name);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(this.dataDir, { recursive: true });
    const secret = randomBytes(bytes).toString(bytes === 32 ? 'base64' : 'base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch (err) {
      // Another process created it first: use theirs so both sign with one key.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
      throw err;
    }
  }
}
