import type { Tenant } from '../support/factories';
import { createProduct, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const ORIGIN = 'http://localhost:3000';

/** What a single-page app on an allowed origin, and a proxy in front of us, rely on. */
describe('CORS, links and unknown routes', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://api.example.test/', CORS_ORIGINS: ORIGIN });
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it.each(['PATCH', 'PUT', 'DELETE', 'POST'])('lets an allowed origin send %s with credentials and JSON', async (method) => {
    const res = await t.http
      .options('/api/v1/products/1/')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-allow-methods'].split(/,\s*/)).toContain(method);
  });

  it('lets the page read the request id, rate limits, retry hints and replays', async () => {
    const res = await t.http.get('/api/v1/products/').set(a.auth).set('Origin', ORIGIN);
    expect(res.status).toBe(200);
    const exposed = res.headers['access-control-expose-headers'].toLowerCase().split(/,\s*/);
    for (const header of [
      'x-request-id',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'retry-after',
      'idempotent-replayed',
      'ratelimit',
    ]) {
      expect(exposed).toContain(header);
    }
  });

  it('gives another origin no CORS grant', async () => {
    const res = await t.http.options('/api/v1/products/').set('Origin', 'http://evil.test').set('Access-Control-Request-Method', 'DELETE');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('builds pagination links on PUBLIC_URL, never on the Host header a client sent', async () => {
    for (let i = 0; i < 3; i++) await createProduct(t.http, a);
    const res = await t.http.get('/api/v1/products/?page_size=1').set(a.auth).set('Host', 'evil.test');
    expect(res.status).toBe(200);
    expect(res.body.next).toBe('https://api.example.test/api/v1/products/?page_size=1&page=2');
  });

  it('answers an unknown /api route with the 404 envelope and the rate-limit headers', async () => {
    for (const path of ['/api/v1/no-such-thing/', '/api/nothing/here']) {
      const res = await t.http.get(path).set(a.auth);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      expect(res.headers['x-ratelimit-limit']).toMatch(/^\d+$/);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(0);
    }
  });
});
