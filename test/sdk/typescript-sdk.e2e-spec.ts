import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createItem, createProduct, createWarehouse, PASSWORD, registerCompany } from '../support/factories';
import { listen, run } from '../support/processes';
import { readmeExample } from '../support/readme';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const root = join(__dirname, '../..');
const sdk = join(root, 'clients/typescript');

/**
 * The TypeScript SDK as a partner gets it: built, tested through its own suite against the
 * running app, packed with `npm pack`, installed into an empty project, and the README's
 * example run from there.
 */
describe('the TypeScript SDK (inventory-api-client)', () => {
  let t: TestApp;
  let api: string;
  beforeAll(async () => {
    const build = await run('npm', ['run', 'build', '-w', 'clients/typescript'], { cwd: root });
    if (build.code !== 0) throw new Error(build.output);
    // Short-lived access tokens, so the suite meets an expired one and refreshes it.
    t = await startTestApp({ JWT_ACCESS_TTL_SECONDS: '2' });
    api = await listen(t);
  }, 120_000);
  afterAll(() => t.close());

  it('passes its partner-flow suite against the running app', async () => {
    const result = await run(process.execPath, ['--test', '--test-reporter=spec', join(sdk, 'test/partner-flow.test.ts')], {
      env: { ...process.env, INVENTORY_API_URL: api },
    });
    if (result.code !== 0) throw new Error(result.output);
    expect(result.output).toMatch(/ℹ pass [1-9]/);
    expect(result.output).toMatch(/ℹ fail 0\n/);
    expect(result.output).toMatch(/ℹ skipped 0\n/);
  }, 120_000);

  it('packs, installs into an empty project, type-checks there, and runs the README example', async () => {
    const registered = await registerCompany(t.http);
    const login = await t.http.post('/api/v1/auth/login/').send({ username: registered.username, password: PASSWORD }).expect(200);
    // This suite's access tokens live 2 s, less than the set-up below takes on a busy machine: the key does not expire.
    const owner = { ...registered, auth: { Authorization: `Token ${login.body.key as string}` } };
    const warehouse = await createWarehouse(t.http, owner);
    const product = await createProduct(t.http, owner, { sku: 'PACK-1' });
    await createItem(t.http, owner, { product_id: product.id, warehouse_id: warehouse.id, quantity: 4 });

    const project = mkdtempSync(join(tmpdir(), 'sdk-ts-'));
    try {
      const pack = await run('npm', ['pack', '-w', 'clients/typescript', '--pack-destination', project], { cwd: root });
      if (pack.code !== 0) throw new Error(pack.output);
      const tarball = readdirSync(project).find((f) => f.startsWith('inventory-api-client-') && f.endsWith('.tgz'));
      expect(tarball).toBeDefined();
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
      const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], { cwd: project });
      if (install.code !== 0) throw new Error(install.output);
      const installed = JSON.parse(readFileSync(join(project, 'node_modules/inventory-api-client/package.json'), 'utf8')) as { name: string; files: string[] };
      expect(installed.name).toBe('inventory-api-client');

      // A partner on TypeScript sees the generated types through the published .d.ts.
      writeFileSync(
        join(project, 'check.ts'),
        "import { InventoryAPI, StockroomError } from 'inventory-api-client';\n" +
          "import type { Schema } from 'inventory-api-client';\n" +
          "const client = new InventoryAPI({ token: 'x' });\n" +
          'const items: Promise<{ count: number; results: Array<Schema<"InventoryItemDto">> }> = client.getInventoryItems({ page_size: 5 });\n' +
          '// @ts-expect-error: quantity is a number\n' +
          "void client.createOrder({ customer_id: 1, items: [{ product_id: 1, quantity: 'two' }] });\n" +
          'export { items, StockroomError };\n',
      );
      const compilerOptions = {
        noEmit: true,
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: [],
      };
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
      const tsc = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
      if (tsc.code !== 0) throw new Error(tsc.output);

      const example = readmeExample('javascript').replace("'your-token'", JSON.stringify(login.body.key as string));
      writeFileSync(join(project, 'example.mjs'), `${example}\nconsole.log(JSON.stringify(products));\n`);
      const ran = await run(process.execPath, ['example.mjs'], { cwd: project, env: { ...process.env, INVENTORY_API_URL: api } });
      if (ran.code !== 0) throw new Error(ran.output);
      const products = JSON.parse(ran.output.trim().split('\n').at(-1)!) as { count: number; results: Array<{ product: { sku: string } }> };
      expect(products).toMatchObject({ count: 1, results: [{ quantity: 4, product: { sku: 'PACK-1' } }] });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 240_000);
});
