import { ValidationFailed } from '../common/errors/app-error';
import { uniqueViolation } from '../database/pg-errors';

/** What a taken identifier says, per field (usernames, emails and company names are unique across companies). */
export const TAKEN_MESSAGES = {
  username: 'A user with that username already exists.',
  email: 'A user with that email already exists.',
  company_name: 'A company with this name already exists.',
} as const;

/** The unique indexes behind them. */
const FIELD_OF_INDEX: Record<string, keyof typeof TAKEN_MESSAGES> = {
  uq_users_username: 'username',
  uq_users_email: 'email',
  uq_companies_name: 'company_name',
};

/**
 * Runs a write that may hit one of those indexes (a pre-check can always lose a race) and
 * turns the violation into the same field error the pre-check would have given.
 */
export async function withUniqueIdentifiers<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const field = FIELD_OF_INDEX[uniqueViolation(err) ?? ''];
    if (field) throw ValidationFailed.field(field, TAKEN_MESSAGES[field]);
    throw err;
  }
}
