import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * A single-page app as users run one: a page served from an allowed origin signs up and
 * uses every verb against the API in headless Chromium, reading the headers it needs; a
 * page from another origin is refused by the browser. Chromium comes from Debian's package,
 * installed by scripts/install-browser.sh (which .ci/run calls); only outside CI may a
 * machine without it skip this test.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs it with scripts/install-browser.sh`);
if (!available) console.warn(`NOTICE: ${CHROMIUM} not found (run scripts/install-browser.sh); the browser test is skipped outside CI.`);

/** The page's script: it runs in the browser, against the API's origin. */
async function spaScenario(api: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  type Answer = { tokens: { access: string }; warehouse: { id: number }; name: string };
  const json = (r: Response) => r.json() as Promise<Answer>;
  const suffix = Math.random().toString(16).slice(2, 10);
  const password = 'Correct-Horse-42';
  const signup = await fetch(`${api}/api/v1/accounts/auth/register/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ company_name: `SPA ${suffix}`, username: `spa${suffix}`, email: `spa${suffix}@example.com`, password, password_confirm: password }),
  });
  out.signup = signup.status;
  out.requestId = signup.headers.get('X-Request-Id');
  const token = (await json(signup)).tokens.access;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

  const created = await fetch(`${api}/api/v1/masterdata/warehouses/`, {
    method: 'POST',
    headers: { ...headers, 'Idempotency-Key': `spa-${suffix}` },
    body: JSON.stringify({ code: 'SPA-1', name: 'From the browser' }),
  });
  out.post = created.status;
  out.rateLimitRemaining = created.headers.get('X-RateLimit-Remaining');
  out.rateLimit = created.headers.get('RateLimit');
  const id = (await json(created)).warehouse.id;
  const replay = await fetch(`${api}/api/v1/masterdata/warehouses/`, {
    method: 'POST',
    headers: { ...headers, 'Idempotency-Key': `spa-${suffix}` },
    body: JSON.stringify({ code: 'SPA-1', name: 'From the browser' }),
  });
  out.replayed = replay.headers.get('Idempotent-Replayed');
  out.patch = (await fetch(`${api}/api/v1/masterdata/warehouses/${id}/`, { method: 'PATCH', headers, body: JSON.stringify({ name: 'Renamed' }) })).status;
  out.put = (
    await fetch(`${api}/api/v1/masterdata/warehouses/${id}/`, { method: 'PUT', headers, body: JSON.stringify({ code: 'SPA-1', name: 'Replaced' }) })
  ).status;
  out.get = (await json(await fetch(`${api}/api/v1/masterdata/warehouses/${id}/`, { headers }))).name;
  out.delete = (await fetch(`${api}/api/v1/masterdata/warehouses/${id}/`, { method: 'DELETE', headers })).status;

  // The login limit (2 a minute in this test) answers 429 with a Retry-After the page can read.
  let retryAfter: string | null = null;
  for (let i = 0; i < 3 && retryAfter === null; i++) {
    const res = await fetch(`${api}/api/v1/accounts/auth/login/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `spa${suffix}@example.com`, password: 'wrong' }),
    });
    if (res.status === 429) retryAfter = res.headers.get('Retry-After');
  }
  out.retryAfter = retryAfter;
  return out;
}

async function foreignScenario(api: string): Promise<string> {
  try {
    await fetch(`${api}/api/v1/products/`, { method: 'DELETE', headers: { Authorization: 'Bearer x' } });
    return 'allowed';
  } catch {
    return 'blocked';
  }
}

function pageServer(): Promise<Server> {
  const server = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>SPA</title><p>SPA</p>'));
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

(available ? describe : describe.skip)('a single-page app in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let allowed: Server;
  let foreign: Server;
  let api: string;
  const port = (s: Server) => (s.address() as AddressInfo).port;

  beforeAll(async () => {
    allowed = await pageServer();
    foreign = await pageServer();
    t = await startTestApp({ CORS_ORIGINS: `http://localhost:${port(allowed)}`, THROTTLE_LOGIN_PER_MINUTE: '2' });
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${port(t.app.getHttpServer() as Server)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    allowed?.close();
    foreign?.close();
  });

  it('signs up from an allowed origin, uses every verb and reads the headers it needs', async () => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port(allowed)}/`);
    const result = await page.evaluate(spaScenario, api);
    expect(result).toEqual({
      signup: 201,
      requestId: expect.stringMatching(/.+/),
      post: 201,
      rateLimitRemaining: expect.stringMatching(/^\d+$/),
      rateLimit: expect.stringContaining('hourly'),
      replayed: 'true',
      patch: 200,
      put: 200,
      get: 'Replaced',
      delete: 204,
      retryAfter: expect.stringMatching(/^\d+$/),
    });
    await page.close();
  });

  it('is refused by the browser from an origin that is not allowed', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port(foreign)}/`);
    expect(await page.evaluate(foreignScenario, api)).toBe('blocked');
    await page.close();
  });
});
