import { createHash, randomBytes } from 'node:crypto';

/** A new 256-bit token, its SHA-256 (what is stored) and a short prefix for listings. */
export function newOpaqueToken(): { token: string; hash: Buffer; prefix: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token), prefix: token.slice(0, 8) };
}

export function hashOpaqueToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export const LOGIN_KEY_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** last_used_at is written at most this often per token, so reads do not turn into writes. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;
