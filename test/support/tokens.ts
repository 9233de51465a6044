import jwt from 'jsonwebtoken';

export const TEST_JWT_SECRET = process.env.JWT_SECRET ?? 'test-secret-that-is-long-enough-for-hs256-signing';

/** Signs arbitrary claims the way an attacker or a buggy client might. */
export function forgeToken(claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret = TEST_JWT_SECRET): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', ...options });
}

/** An unsigned token (`alg: none`) carrying the same claims as a real one. */
export function unsignedCopy(token: string): string {
  const [, payload] = token.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return `${header}.${payload}.`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}
