/**
 * Roles the migrations create. Neither can log in or owns anything; the connection's own
 * role (the schema owner) enters one of them per transaction with set_config('role', ..., true).
 *
 * - APP_ROLE runs every tenant query. It has no BYPASSRLS, so row-level security decides
 *   what it sees: only rows of the company in `app.company_id`.
 * - IDENTITY_ROLE is the narrow door used before a company is known (sign-up, login,
 *   token checks). It is granted only the identity tables (companies, users, tokens).
 * - RELAY_ROLE delivers webhooks for every company: it sees only the outbox (events) and
 *   the webhook tables.
 */
export const APP_ROLE = 'stockroom_app';
export const IDENTITY_ROLE = 'stockroom_identity';
export const RELAY_ROLE = 'stockroom_relay';
/** The setting the row-level-security policies read. */
export const COMPANY_SETTING = 'app.company_id';
