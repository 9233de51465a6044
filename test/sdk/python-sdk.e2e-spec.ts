import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, createProduct, createWarehouse, PASSWORD, registerCompany } from '../support/factories';
import { listen, run } from '../support/processes';
import { readmeExample } from '../support/readme';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const root = join(__dirname, '../..');
const sdk = join(root, 'clients/python');

/** The Python SDK (inventory_client) with the machine's python3: its own suite and the README example. */
describe('the Python SDK (inventory_client)', () => {
  let t: TestApp;
  let api: string;
  beforeAll(async () => {
    // Short-lived access tokens, so the suite meets an expired one and refreshes it.
    t = await startTestApp({ JWT_ACCESS_TTL_SECONDS: '2' });
    api = await listen(t);
  }, 60_000);
  afterAll(() => t.close());

  it('is Python 3.9 syntax, standard library only', async () => {
    const files = readdirSync(join(sdk, 'inventory_client')).filter((f) => f.endsWith('.py'));
    const check = [
      'import ast, sys',
      'allowed = set(sys.stdlib_module_names) | {"inventory_client"}',
      'for path in sys.argv[1:]:',
      '    tree = ast.parse(open(path).read(), path, feature_version=(3, 9))',
      '    for node in ast.walk(tree):',
      '        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else []',
      '        for name in names:',
      '            assert name.split(".")[0] in allowed, f"{path} imports {name}"',
    ].join('\n');
    const result = await run('python3', ['-c', check, ...files.map((f) => join(sdk, 'inventory_client', f))]);
    if (result.code !== 0) throw new Error(result.output);
  });

  it('passes its partner-flow suite against the running app', async () => {
    const result = await run('python3', ['-m', 'unittest', 'discover', '-v', '-s', 'tests', '-t', '.'], {
      cwd: sdk,
      env: { ...process.env, INVENTORY_API_URL: api, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (result.code !== 0) throw new Error(result.output);
    expect(result.output).toMatch(/^Ran [1-9]\d* tests? in/m);
    expect(result.output).toMatch(/^OK$/m);
  }, 120_000);

  it('runs the README example as printed', async () => {
    const registered = await registerCompany(t.http);
    const login = await t.http.post('/api/v1/auth/login/').send({ username: registered.username, password: PASSWORD }).expect(200);
    // This suite's access tokens live 2 s, less than the set-up below takes on a busy machine: the key does not expire.
    const owner = { ...registered, auth: { Authorization: `Token ${login.body.key as string}` } };
    const warehouse = await createWarehouse(t.http, owner);
    const product = await createProduct(t.http, owner);
    await createItem(t.http, owner, { product_id: product.id, warehouse_id: warehouse.id, quantity: 3 });
    const order = await t.http
      .post('/api/v1/orders/')
      .set(owner.auth)
      .send({
        customer_id: (await t.http.post('/api/v1/customers/').set(owner.auth).send({ name: 'Buyer' })).body.id,
        items: [{ product_id: product.id, quantity: 1 }],
      })
      .expect(201);

    const example = readmeExample('python').replace("'your-token'", JSON.stringify(login.body.key as string));
    const result = await run('python3', ['-c', `${example}\nimport json\nprint(json.dumps(orders))`], {
      env: { ...process.env, INVENTORY_API_URL: api, PYTHONPATH: sdk, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (result.code !== 0) throw new Error(result.output);
    const orders = JSON.parse(result.output.trim().split('\n').at(-1)!) as { count: number; results: Array<{ id: number; status: string }> };
    expect(orders).toMatchObject({ count: 1, results: [{ id: order.body.id, status: 'pending' }] });
  });

  it('is generated from openapi.json: one method per operation', () => {
    const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const client = readFileSync(join(sdk, 'inventory_client/client.py'), 'utf8');
    const ids = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([, operations]) => Object.values(operations).map((o) => o.operationId!));
    const snake = (id: string) =>
      id
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .toLowerCase();
    for (const id of ids) expect(client).toContain(`    def ${snake(id)}(self`);
    expect(client).toContain('    def get_orders(self, *, ');
  });
});
