import { applyDecorators } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { ValidationArguments } from 'class-validator';
import { ValidateBy } from 'class-validator';
import type { FieldErrors } from '../common/errors/app-error';

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
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  'iloveyou',
  'admin123',
  'welcome1',
  'abc12345',
  'letmein1',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'trustno1',
  '11111111',
  '00000000',
  'changeme',
]);

type PasswordOwner = { username?: string; email?: string };

/** Whether the password and a user field contain one another; `value` may be anything a client sent. */
const similarTo = (password: string, value: unknown) => {
  const v = typeof value === 'string' ? value.toLowerCase().trim() : undefined;
  const lower = password.toLowerCase();
  return !!v && v.length >= 3 && (lower.includes(v) || v.includes(lower));
};

/**
 * The password policy, one rule per entry so that every rule a password
 * breaks is reported at once: at least 8 characters, not all digits, not a common password,
 * not the username or email.
 */
const PASSWORD_RULES: Array<{ name: string; message: string; broken: (password: string, owner: PasswordOwner) => boolean }> = [
  { name: 'passwordLength', message: 'This password is too short. It must contain at least 8 characters.', broken: (p) => p.length < 8 },
  { name: 'passwordNumeric', message: 'This password is entirely numeric.', broken: (p) => /^\d+$/.test(p) },
  { name: 'passwordCommon', message: 'This password is too common.', broken: (p) => COMMON.has(p.toLowerCase()) },
  { name: 'passwordUsername', message: 'The password is too similar to the username.', broken: (p, o) => similarTo(p, o.username) },
  {
    name: 'passwordEmail',
    message: 'The password is too similar to the email address.',
    broken: (p, o) => !similarTo(p, o.username) && (similarTo(p, o.email) || similarTo(p, typeof o.email === 'string' ? o.email.split('@')[0] : undefined)),
  },
];

/** The messages for every rule of the policy that `password` breaks. */
export function passwordProblems(password: string, user: PasswordOwner): string[] {
  return PASSWORD_RULES.filter((rule) => rule.broken(password, user)).map((rule) => rule.message);
}

/**
 * The policy as validation rules on a DTO that holds the username and email too, so a
 * sign-up learns every problem of its password together with every other field's.
 */
export const MeetsPasswordPolicy = () =>
  applyDecorators(
    ...PASSWORD_RULES.map((rule) =>
      ValidateBy({
        name: rule.name,
        validator: {
          validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'string' || !rule.broken(value, (args?.object ?? {}) as PasswordOwner),
          defaultMessage: () => rule.message,
        },
      }),
    ),
  );

export function passwordFieldErrors(field: string, password: string, user: { username?: string; email?: string }): FieldErrors {
  const problems = passwordProblems(password, user);
  return problems.length > 0 ? { [field]: problems } : {};
}
