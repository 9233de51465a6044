// Environment every e2e test app starts from; a test may override single variables.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
process.env.DATABASE_POOL_SIZE = '4';
// Functional suites make many requests from one IP; the rate-limit suite sets small limits itself.
process.env.THROTTLE_AUTH_PER_HOUR = '1000000';
process.env.THROTTLE_ANON_PER_HOUR = '1000000';
process.env.THROTTLE_BURST_PER_MINUTE = '1000000';
process.env.THROTTLE_LOGIN_PER_MINUTE = '1000000';
delete process.env.REDIS_URL;
process.env.ENCRYPTION_KEY = Buffer.alloc(32, 1).toString('base64');
