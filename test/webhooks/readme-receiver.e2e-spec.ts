import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCompany } from '../support/factories';
import { readmeBlock } from '../support/readme';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The README's webhook receiver, run as printed: it accepts our signed deliveries and refuses forged ones. */
describe("the README's webhook receiver", () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'receiver-'));
  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a real delivery, answers 204, and refuses a forged one with 401', async () => {
    const company = await registerCompany(t.http);
    const probe = createServer();
    await new Promise<void>((ready) => probe.listen(0, '127.0.0.1', ready));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((done) => probe.close(done));
    const endpoint = await t.http
      .post('/api/v1/webhooks/')
      .set(company.auth)
      .send({ url: `http://127.0.0.1:${port}/hooks`, enabled_events: ['*'] })
      .expect(201);

    writeFileSync(join(dir, 'receiver.mjs'), readmeBlock('Webhooks and the events feed', 'javascript'));
    const child = spawn(process.execPath, [join(dir, 'receiver.mjs')], { env: { ...process.env, WEBHOOK_SECRET: endpoint.body.secret, PORT: String(port) } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      for (let i = 0; i < 100; i++) {
        if (
          await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const forged = await fetch(`http://127.0.0.1:${port}/hooks`, {
        method: 'POST',
        headers: {
          'webhook-id': '1',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
        },
        body: '{"type":"order.created"}',
      });
      expect(forged.status).toBe(401);

      const test = await t.http.post(`/api/v1/webhooks/${endpoint.body.id}/test/`).set(company.auth).expect(202);
      let delivery: { status: string; response_status: number } | undefined;
      for (let i = 0; i < 200 && delivery?.status !== 'succeeded'; i++) {
        delivery = (await t.http.get(`/api/v1/webhooks/${endpoint.body.id}/deliveries/`).set(company.auth).expect(200)).body.results[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(delivery).toMatchObject({ status: 'succeeded', response_status: 204 });
      expect(output).toContain(`${test.body.event_id} webhook.test {"message":"This is a test event.","webhook_id":${endpoint.body.id}}`);
    } finally {
      child.kill();
    }
  });
});
