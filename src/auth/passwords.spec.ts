import { hashPassword, passwordProblems, verifyPassword } from './passwords';

describe('password policy', () => {
  it('accepts a reasonable password', () => {
    expect(passwordProblems('Correct-Horse-42', { username: 'alice', email: 'alice@example.com' })).toEqual([]);
  });

  it('names every rule a password breaks', () => {
    expect(passwordProblems('1234567', {})).toEqual([
      'This password is too short. It must contain at least 8 characters.',
      'This password is entirely numeric.',
    ]);
    expect(passwordProblems('Password123', {})).toEqual(['This password is too common.']);
    expect(passwordProblems('alice2024!', { username: 'alice' })).toEqual(['The password is too similar to the username.']);
    expect(passwordProblems('bob.smith99', { username: 'zz', email: 'bob.smith@example.com' })).toEqual(['The password is too similar to the email address.']);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password only, and never a missing user', async () => {
    const hash = await hashPassword('Correct-Horse-42');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Correct-Horse-42')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword(undefined, 'Correct-Horse-42')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
