import type { Tenant } from '../support/factories';
import { registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('the HTTP layer', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  it('answers every route at /api/v1/... and /api/..., with or without a trailing slash', async () => {
    for (const path of ['/api/v1/masterdata/warehouses/', '/api/v1/masterdata/warehouses', '/api/masterdata/warehouses/', '/api/masterdata/warehouses']) {
      expect((await t.http.get(path).set(a.auth)).status).toBe(200);
    }
  });

  it('answers unknown routes with the 404 envelope', async () => {
    const res = await t.http.get('/api/v1/no-such-thing/').set(a.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', status: 404, message: 'Not found.', request_id: expect.any(String) } });
    expect((await t.http.get('/nowhere')).status).toBe(404);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.http.post('/api/v1/accounts/auth/login/').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.non_field_errors).toHaveLength(1);
  });

  it('answers a JSON array or scalar where an object belongs with 400', async () => {
    for (const body of ['[1,2]', '"text"', '42']) {
      const res = await t.http.post('/api/v1/masterdata/warehouses/').set(a.auth).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.non_field_errors).toEqual(['Invalid data. Expected a dictionary.']);
    }
  });

  it('answers a body over 1 MiB with 413 and writes nothing', async () => {
    const res = await t.http
      .post('/api/v1/masterdata/warehouses/')
      .set(a.auth)
      .send({ code: 'BIG', name: 'Big', description: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const { rows } = await t.sql.query(`select count(*)::int as n from warehouses where code = 'BIG'`);
    expect(rows[0].n).toBe(0);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.http.post('/api/v1/masterdata/warehouses/').set(a.auth).set('Content-Type', 'text/csv').send('a,b');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const mine = await t.http.get('/api/v1/nothing').set('X-Request-Id', 'trace-42');
    expect(mine.headers['x-request-id']).toBe('trace-42');
    expect(mine.body.error.request_id).toBe('trace-42');
    const made = await t.http.get('/api/v1/nothing').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and allows CORS only from configured origins', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // On errors and on authenticated answers alike.
    const missing = await t.http.get('/api/v1/nothing');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['cross-origin-resource-policy']).toBe('same-origin');

    const allowed = await t.http
      .options('/api/v1/masterdata/warehouses/')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');

    const denied = await t.http.get('/health').set('Origin', 'https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves health checks without credentials', async () => {
    const live = await t.http.get('/health');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('serves Swagger UI and the OpenAPI document without credentials', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const paths = Object.keys(doc.body.paths);
    expect(paths).toContain('/api/v1/masterdata/warehouses/{id}');
    expect(paths.filter((p) => p.startsWith('/api/') && !p.startsWith('/api/v1/'))).toEqual([]);
  });
});
