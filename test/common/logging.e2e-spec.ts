import { Writable } from 'node:stream';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import { PASSWORD, registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('request logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  type LogLine = { req?: { url?: string; id?: string; headers?: Record<string, string> }; res?: { statusCode?: number } };
  const logged = () => lines.map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, [[LOG_DESTINATION, sink]], { appLogger: true });
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with the request id, and no credentials', async () => {
    const tenant = await registerCompany(t.http);
    await t.http.post('/api/v1/accounts/auth/login/').send({ email: tenant.email, password: PASSWORD });
    await t.http.get('/api/v1/accounts/auth/me/').set(tenant.auth).set('X-Request-Id', 'log-test-1');

    const me = logged().filter((l) => l.req?.url === '/api/v1/accounts/auth/me/');
    expect(me).toHaveLength(1);
    expect(me[0]).toMatchObject({ req: { id: 'log-test-1', headers: { authorization: '[redacted]' } }, res: { statusCode: 200 } });

    const everything = lines.join('\n');
    expect(everything).not.toContain(tenant.access);
    expect(everything).not.toContain(tenant.refresh);
    expect(everything).not.toContain(PASSWORD);
  });

  it('does not log health checks', async () => {
    await t.http.get('/health');
    await t.http.get('/health/ready');
    expect(logged().filter((l) => String(l.req?.url).startsWith('/health'))).toEqual([]);
  });

  it('redacts a credential in the URL, the query and every header spelling', async () => {
    const tenant = await registerCompany(t.http);
    const created = await t.http.post('/api/token').send({ username: tenant.username, password: PASSWORD });
    const token = created.body.token as string;
    await t.http.get(`/api/v1/token/?token=${encodeURIComponent(token)}&format=json`);
    await t.http.get('/api/v1/accounts/auth/me/').set('api-token', 'header-secret-one');
    await t.http.get('/api/v1/accounts/auth/me/').set('X-Api-Key', 'header-secret-two');
    const everything = lines.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(encodeURIComponent(token));
    expect(everything).not.toContain('header-secret-one');
    expect(everything).not.toContain('header-secret-two');
    const validation = logged().find((l) => String(l.req?.url).startsWith('/api/v1/token/'));
    expect(validation?.req?.url).toBe('/api/v1/token/?token=[redacted]&format=json');
  });
});
