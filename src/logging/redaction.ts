/** Query parameters that carry a credential (001's `GET token/?token=`, and the spellings a client might use). */
const SECRET_PARAMS = /^(token|key|api_?key|api_?token|access_?token|refresh_?token|refresh|password|secret|signature)$/i;

/** Every header spelling that carries a credential, lower-cased as Node reports them. */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-token',
  'api_token',
  'api-token',
  'x-api-key',
  'x-api-token',
  'proxy-authorization',
];

export const REDACTED = '[redacted]';

/** A request URL fit for a log line: credential query parameters replaced, the rest kept. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url || !url.includes('?')) return url;
  const [path, query] = url.split('?', 2);
  const params = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // a malformed name is logged as sent
    }
    return eq >= 0 && SECRET_PARAMS.test(decoded) ? `${name}=${REDACTED}` : pair;
  });
  return `${path}?${params.join('&')}`;
}

/** The same for a parsed query object. */
export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, SECRET_PARAMS.test(k) ? REDACTED : v]));
}
