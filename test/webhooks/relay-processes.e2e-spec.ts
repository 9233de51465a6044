import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { PASSWORD } from '../support/factories';
import { run } from '../support/processes';
import { createTestDatabase } from '../support/test-database';
import type { Receiver } from '../support/webhook-receiver';
import { startReceiver, verify } from '../support/webhook-receiver';

const root = join(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** The built server as its own process, as production runs it. */
async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ process: ChildProcess; api: string; output: () => string }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEBHOOKS_POLL_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const api = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    const ready = await fetch(`${api}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { process: child, api, output: () => output };
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

async function json(api: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function signUp(api: string): Promise<string> {
  const name = `relay${Math.random().toString(36).slice(2, 10)}`;
  const res = await json(api, 'POST', '/api/v1/accounts/auth/register/', undefined, {
    company_name: name,
    username: name,
    email: `${name}@example.com`,
    password: PASSWORD,
    password_confirm: PASSWORD,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return (res.body.tokens as { access: string }).access;
}

/**
 * The relay across processes: a server killed with SIGKILL mid-delivery loses no event (another
 * process retries once the dead one's lease runs out), and two servers on one database share
 * the work without delivering an event twice.
 */
describe('the webhook relay across processes', () => {
  let database: { url: string; drop: () => Promise<void> };
  let sql: Client;
  const children: ChildProcess[] = [];
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    const build = await run('npm', ['run', 'build'], { cwd: root });
    if (build.code !== 0) throw new Error(build.output);
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
    await Promise.all(receivers.map((r) => r.close()));
    await sql?.end();
    await database?.drop();
  });

  async function subscribe(api: string, token: string, url: string): Promise<{ id: number; secret: string }> {
    const res = await json(api, 'POST', '/api/v1/webhooks/', token, { url, enabled_events: ['*'] });
    expect(res.status).toBe(201);
    return res.body as { id: number; secret: string };
  }

  async function produce(api: string, token: string, endpointId: number, count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, () =>
          json(api, 'POST', `/api/v1/webhooks/${endpointId}/test/`, token).then((r) => r.body.event_id as number),
        ),
      );
      ids.push(...batch);
    }
    return ids;
  }

  it('loses no event when a server is killed with SIGKILL mid-delivery', async () => {
    // Half a second per answer: at 32 in flight the relay trails the producer, so the kill lands mid-delivery.
    const slow = await startReceiver(() => ({ status: 200, delayMs: 500 }));
    receivers.push(slow);
    // Leases of 2 × 2 s + 5 s: the dead process's claims fall due again within seconds.
    const env = { WEBHOOKS_TIMEOUT_MS: '2000' };
    const first = await startServer(database.url, env);
    children.push(first.process);
    const token = await signUp(first.api);
    const endpoint = await subscribe(first.api, token, slow.url);
    const events = await produce(first.api, token, endpoint.id, 300);
    await slow.waitFor((r) => r.length >= 60, 30_000);
    await stop(first.process, 'SIGKILL');
    const before = slow.received.length;
    expect(before).toBeLessThan(300);

    const second = await startServer(database.url, env);
    children.push(second.process);
    await slow.waitFor((r) => new Set(r.map((d) => d.json.id)).size === 300, 60_000);
    const deliveredIds = new Set(slow.received.map((d) => d.json.id));
    expect([...deliveredIds].sort((a, b) => a - b)).toEqual([...events].sort((a, b) => a - b));

    // The log agrees once the dead process's leases have run out and its in-flight deliveries were retried.
    const log = async () =>
      (await sql.query(`select status, count(*)::int as n from webhook_deliveries where endpoint_id = $1 group by status order by status`, [endpoint.id])).rows;
    const deadline = Date.now() + 30_000;
    while (JSON.stringify(await log()) !== JSON.stringify([{ status: 'succeeded', n: 300 }]) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await log()).toEqual([{ status: 'succeeded', n: 300 }]);
    for (const delivery of slow.received) expect(verify(endpoint.secret, delivery)).toBeTruthy();
    // At least once: only what was in flight at the kill may have arrived twice.
    expect(slow.received.length - 300).toBeLessThanOrEqual(32);
    await stop(second.process);
  }, 180_000);

  it('shares the work between two servers on one database, each event delivered once', async () => {
    const sink = await startReceiver();
    receivers.push(sink);
    const [a, b] = await Promise.all([startServer(database.url), startServer(database.url)]);
    children.push(a.process, b.process);
    const token = await signUp(a.api);
    const endpoint = await subscribe(a.api, token, sink.url);
    const [fromA, fromB] = await Promise.all([produce(a.api, token, endpoint.id, 150), produce(b.api, token, endpoint.id, 150)]);
    await sink.waitFor((r) => new Set(r.map((d) => d.json.id)).size === 300, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received).toHaveLength(300);
    expect(new Set(sink.received.map((d) => d.json.id))).toEqual(new Set([...fromA, ...fromB]));
    const { rows } = await sql.query(
      `select count(*)::int as n, max(attempts) as most from webhook_deliveries where endpoint_id = $1 and status = 'succeeded'`,
      [endpoint.id],
    );
    expect(rows[0]).toEqual({ n: 300, most: 1 });
    await Promise.all([stop(a.process), stop(b.process)]);
  }, 180_000);
});
