import { Transform, plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/** Every setting the service reads from its environment, validated once at boot. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL URL of a role that owns the schema. Unset: an embedded server under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Required in production; elsewhere generated once and kept under DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  CORS_ORIGINS = 'http://localhost:3000,http://127.0.0.1:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  DATA_DIR = '.data';

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** The address clients reach the API at (https://api.example.com); used in pagination links instead of the Host header. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL without query or fragment' })
  PUBLIC_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  /** Rate-limit counters live here when set (instances share them); in memory otherwise. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Prefix of every key this deployment writes to Redis (two deployments may share one Redis). */
  @IsString()
  REDIS_KEY_PREFIX = 'stockroom:';

  /** 32 bytes, base64: encrypts gateway secrets at rest. Required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=_-]{43,44}$/, { message: 'ENCRYPTION_KEY must be 32 bytes in base64' })
  ENCRYPTION_KEY?: string;

  /** Stripe's API (a test double in tests). */
  @IsString()
  STRIPE_API_BASE = 'https://api.stripe.com';

  /** Lifetime of an access token; a client refreshes it with its refresh token. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400) JWT_ACCESS_TTL_SECONDS = 3600;
  /** The largest CSV import accepted, in bytes (1 GiB); a larger upload is refused with 413. */
  @Transform(toInt) @IsInt() @Min(1024) IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

  /** Whether this process delivers webhooks (turn it off to deliver only from chosen processes). */
  @Transform(toBool) @IsBoolean() WEBHOOKS_RELAY = true;
  /** How often the relay looks for due deliveries when nothing wakes it, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000) WEBHOOKS_POLL_MS = 1000;
  /** Deliveries to loopback and private addresses; default: allowed except in production. */
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOKS_ALLOW_PRIVATE_NETWORKS?: boolean;
  /** Only https:// endpoint URLs; default: required in production. */
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOKS_REQUIRE_HTTPS?: boolean;
  /** Seconds from a failed attempt to the next, one per retry (tests shorten it). */
  @Matches(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, { message: 'WEBHOOKS_RETRY_SCHEDULE must be comma-separated seconds' })
  WEBHOOKS_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';
  /** How long an endpoint may fail every attempt before it is disabled, in hours (5 days). */
  @Transform(toInt) @IsInt() @Min(1) WEBHOOKS_DISABLE_AFTER_HOURS = 120;
  /** How long one delivery attempt may take, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(100) @Max(60000) WEBHOOKS_TIMEOUT_MS = 15000;
  /** Whether this process pushes marketplace listings (stock and price changes to the platforms). */
  @Transform(toBool) @IsBoolean() MARKETPLACE_PUSHER = true;
  /** At most one push per listed product per this many seconds; stock changes are picked up at this pace. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400) MARKETPLACE_PUSH_INTERVAL_S = 60;
  /** How often the pusher looks for due listings, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000) MARKETPLACE_POLL_MS = 1000;
  /** How many days the events feed keeps events (and the delivery log its deliveries). */
  @Transform(toInt) @IsInt() @Min(1) @Max(365) EVENTS_RETENTION_DAYS = 30;

  @Transform(toInt) @IsInt() @Min(1) THROTTLE_AUTH_PER_HOUR = 1000;
  @Transform(toInt) @IsInt() @Min(1) THROTTLE_ANON_PER_HOUR = 100;
  @Transform(toInt) @IsInt() @Min(1) THROTTLE_BURST_PER_MINUTE = 50;
  @Transform(toInt) @IsInt() @Min(1) THROTTLE_LOGIN_PER_MINUTE = 10;
}

/** Throws one readable error listing every bad variable; used by ConfigModule.forRoot({ validate }). */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false, stopAtFirstError: true });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('  - JWT_SECRET: required when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) {
    problems.push('  - ENCRYPTION_KEY: required when NODE_ENV=production');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return env;
}
