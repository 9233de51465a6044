import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { run } from '../support/processes';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * The TypeScript SDK in a real browser: the built ES modules loaded by a page (openapi-fetch
 * through an import map, as a bundler would resolve it), signing in and calling the API
 * cross-origin. Proves the package needs nothing Node-only.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs it with scripts/install-browser.sh`);
if (!available) console.warn(`NOTICE: ${CHROMIUM} not found (run scripts/install-browser.sh); the SDK browser test is skipped outside CI.`);

const root = join(__dirname, '../..');
// Built into a folder of its own, so this test never reads a dist/ another test is rebuilding.
const dist = mkdtempSync(join(tmpdir(), 'sdk-browser-'));

const PAGE = `<!doctype html><title>SDK</title>
<script type="importmap">{"imports": {"openapi-fetch": "/vendor/openapi-fetch.mjs"}}</script>
<p>SDK</p>`;

/** Serves the page, the SDK's dist and openapi-fetch's ESM build. */
function pageServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (url === '/vendor/openapi-fetch.mjs') {
      return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(root, 'node_modules/openapi-fetch/dist/index.mjs')));
    }
    const file = normalize(join(dist, url.replace(/^\/sdk\//, '')));
    if (url.startsWith('/sdk/') && file.startsWith(dist) && existsSync(file)) {
      return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

/** Runs in the page. */
async function scenario(api: string): Promise<Record<string, unknown>> {
  type Sdk = {
    InventoryAPI: new (options: { baseUrl: string }) => {
      register(body: object): Promise<unknown>;
      createProduct(body: object): Promise<{ id: number; sku: string }>;
      getProducts(query?: object): Promise<{ count: number }>;
      getProduct(id: number): Promise<unknown>;
      tokens: { access?: string };
    };
    StockroomError: new (...args: never[]) => Error & { status: number; code: string };
  };
  const { InventoryAPI, StockroomError } = (await import('/sdk/index.js' as string)) as Sdk;
  const suffix = Math.random().toString(16).slice(2, 10);
  const client = new InventoryAPI({ baseUrl: api });
  await client.register({ username: `web${suffix}`, email: `web${suffix}@example.com`, password: 'Correct-Horse-42' });
  const product = await client.createProduct({ name: 'From the browser', sku: `WEB-${suffix}` });
  const list = await client.getProducts({ search: `WEB-${suffix}` });
  let missing: unknown;
  try {
    await client.getProduct(2_000_000_000);
  } catch (error) {
    missing = error instanceof StockroomError ? [error.status, error.code] : String(error);
  }
  return { signedIn: typeof client.tokens.access === 'string', sku: product.sku === `WEB-${suffix}`, count: list.count, missing };
}

(available ? describe : describe.skip)('the TypeScript SDK in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let pages: Server;
  let api: string;

  beforeAll(async () => {
    const build = await run(
      process.execPath,
      [join(root, 'clients/typescript/node_modules/typescript/bin/tsc'), '-p', 'clients/typescript/tsconfig.json', '--outDir', dist],
      {
        cwd: root,
      },
    );
    if (build.code !== 0) throw new Error(build.output);
    pages = await pageServer();
    t = await startTestApp({ CORS_ORIGINS: `http://localhost:${(pages.address() as AddressInfo).port}` });
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${((t.app.getHttpServer() as Server).address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    pages?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('loads as ES modules, signs up, writes, lists and reads a 404 as a typed error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`http://localhost:${(pages.address() as AddressInfo).port}/`);
    const result = await page.evaluate(scenario, api);
    expect(errors).toEqual([]);
    expect(result).toEqual({ signedIn: true, sku: true, count: 1, missing: [404, 'NOT_FOUND'] });
  }, 60_000);
});
