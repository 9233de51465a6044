import { validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8000,
      CORS_ORIGINS: 'http://localhost:3000,http://127.0.0.1:3000',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers and booleans from strings', () => {
    expect(validateEnv({ PORT: '9000', TRUST_PROXY: 'true' })).toMatchObject({ PORT: 9000, TRUST_PROXY: true });
  });

  it('refuses to start in production without a JWT secret', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow('JWT_SECRET: required when NODE_ENV=production');
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow('ENCRYPTION_KEY: required when NODE_ENV=production');
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).not.toThrow();
  });

  it('names every bad variable in one message', () => {
    expect(() => validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud' })).toThrow(
      /Invalid configuration:\n {2}- PORT: .*\n {2}- DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL\n {2}- JWT_SECRET: JWT_SECRET must be at least 32 characters\n {2}- LOG_LEVEL: /,
    );
  });
});
