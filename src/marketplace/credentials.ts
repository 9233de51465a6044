import { ValidationFailed } from '../common/errors/app-error';
import { textProblem } from '../common/validation/input-rules';
import { SECRET_SET } from '../common/secrets/secret-box';
import type { Platform } from './entities/marketplace-connection.entity';

/** Each platform's credential fields: which are required, and which are secrets (never answered). */
const FIELDS: Record<Platform, { required: string[]; optional: string[]; secret: string[] }> = {
  // 003's names: access_key and secret_key are the LWA client id and secret; refresh_token is the
  // seller's LWA refresh token; base_url and token_url point at Amazon (or a test double).
  amazon: {
    required: ['access_key', 'secret_key', 'seller_id', 'marketplace_id'],
    optional: ['refresh_token', 'base_url', 'token_url'],
    secret: ['access_key', 'secret_key', 'refresh_token'],
  },
  shopify: { required: ['shop_domain', 'access_token', 'location_id'], optional: ['base_url', 'api_version'], secret: ['access_token'] },
  custom: { required: ['endpoint_url'], optional: ['signing_secret'], secret: ['signing_secret'] },
};

export type Credentials = Record<string, string>;

/** The platform's credentials, or a 400 naming what is missing or unknown. */
export function validCredentials(platform: Platform, value: unknown): Credentials {
  const spec = FIELDS[platform];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ValidationFailed.field('credentials', 'Must be an object.');
  const errors: Record<string, string[]> = {};
  const given = value as Record<string, unknown>;
  for (const field of spec.required)
    if (typeof given[field] !== 'string' || !(given[field] as string).trim()) errors[`credentials.${field}`] = ['This field is required.'];
  for (const [field, v] of Object.entries(given)) {
    if (![...spec.required, ...spec.optional].includes(field))
      errors[`credentials.${field}`] = [`Unknown for ${platform}. Use: ${[...spec.required, ...spec.optional].join(', ')}.`];
    else if (typeof v !== 'string' || v.length > 2000) errors[`credentials.${field}`] = ['Must be text of at most 2000 characters.'];
    else if (textProblem(v, false)) errors[`credentials.${field}`] = [textProblem(v, false)!];
  }
  for (const field of ['endpoint_url', 'base_url', 'token_url']) {
    const url = given[field];
    if (typeof url === 'string' && !errors[`credentials.${field}`] && !/^https?:\/\/[^\s]+$/.test(url))
      errors[`credentials.${field}`] = ['Must be an http(s) URL.'];
  }
  if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  return Object.fromEntries(Object.entries(given).map(([k, v]) => [k, (v as string).trim()]));
}

/** What an answer may show of the credentials: every field named, secrets masked. */
export function maskedCredentials(platform: Platform, credentials: Credentials): Record<string, string> {
  const secret = new Set(FIELDS[platform].secret);
  return Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, secret.has(k) ? SECRET_SET : v]));
}
