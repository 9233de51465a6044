import * as argon2 from 'argon2';
import { FieldErrors } from '../common/errors/app-error';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** A hash of nothing anyone knows, verified when the user does not exist so timing reveals nothing. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  decoyHash ??= hashPassword('decoy-password-nobody-has');
  try {
    const ok = await argon2.verify(hash ?? (await decoyHash), password);
    return ok && hash !== undefined;
  } catch {
    return false;
  }
}

const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', '12345678', '123456789',
  '1234567890', 'qwerty123', 'qwertyuiop', 'iloveyou', 'admin123', 'welcome1', 'abc12345', 'letmein1',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', '11111111', '00000000', 'changeme',
]);

/**
 * The password policy (contract §3): at least 8 characters, not all digits, not a common
 * password, not the username or email. Returns the messages for the `password` field.
 */
export function passwordProblems(password: string, user: { username?: string; email?: string }): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('This password is too short. It must contain at least 8 characters.');
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  if (COMMON.has(password.toLowerCase())) problems.push('This password is too common.');
  const lower = password.toLowerCase();
  const similar = (value: string | undefined) => {
    const v = value?.toLowerCase().trim();
    return !!v && v.length >= 3 && (lower.includes(v) || v.includes(lower));
  };
  if (similar(user.username)) problems.push('The password is too similar to the username.');
  else if (similar(user.email) || similar(user.email?.split('@')[0])) problems.push('The password is too similar to the email address.');
  return problems;
}

export function passwordFieldErrors(field: string, password: string, user: { username?: string; email?: string }): FieldErrors {
  const problems = passwordProblems(password, user);
  return problems.length > 0 ? { [field]: problems } : {};
}
