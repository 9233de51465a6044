import type { LookupAddress } from 'node:dns';
import type { lookup } from 'node:dns';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryAfterMs, WebhookHttp } from './webhook-http';

/** A resolver that answers `address` for every name, as DNS pointing a webhook's host inward would. */
function resolvingTo(address: string): typeof lookup {
  return ((_host: string, _options: unknown, callback: (err: null, addresses: LookupAddress[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as unknown as typeof lookup;
}

describe('WebhookHttp', () => {
  let server: Server;
  let hits = 0;
  let port: number;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it.each([
    ['127.0.0.1', 'loopback address'],
    ['10.1.2.3', 'private network (RFC 1918)'],
    ['169.254.169.254', 'link-local address'],
    ['100.64.1.1', 'carrier-grade NAT (100.64.0.0/10)'],
    ['224.0.0.251', 'multicast address'],
    ['::1', 'loopback address'],
    ['fd12::1', 'unique local address (fc00::/7)'],
    ['fe80::1', 'link-local address'],
    ['::ffff:127.0.0.1', 'loopback address, as ::ffff:127.0.0.1'],
    ['64:ff9b::a00:1', 'private network (RFC 1918), as 64:ff9b::a00:1'],
    ['2002:a00:1::1', 'private network (RFC 1918), as 2002:a00:1::1'],
  ])('refuses a host that resolves to %s at connect time, without a request', async (address, reason) => {
    const before = hits;
    const http = new WebhookHttp({ allowPrivateNetworks: false, timeoutMs: 2000 }, resolvingTo(address));
    const outcome = await http.post(`http://hooks.partner.test:${port}/x`, {}, '{}');
    http.close();
    expect(outcome.status).toBeUndefined();
    expect(outcome).toMatchObject({ error: `Refused to connect to hooks.partner.test (${address}): ${reason}` });
    expect(hits).toBe(before);
  });

  it('refuses an IP literal in the URL without resolving it', async () => {
    const http = new WebhookHttp({ allowPrivateNetworks: false, timeoutMs: 2000 });
    const outcome = await http.post(`http://127.0.0.1:${port}/x`, {}, '{}');
    http.close();
    expect(outcome.error).toBe('Refused to connect to 127.0.0.1: loopback address');
  });

  it('connects when private networks are allowed, reusing the connection', async () => {
    const http = new WebhookHttp({ allowPrivateNetworks: true, timeoutMs: 2000 }, resolvingTo('127.0.0.1'));
    const sockets = new Set<unknown>();
    server.on('connection', (socket) => sockets.add(socket));
    const first = await http.post(`http://hooks.partner.test:${port}/x`, {}, '{}');
    const second = await http.post(`http://hooks.partner.test:${port}/x`, {}, '{}');
    http.close();
    expect([first.status, second.status, first.body]).toEqual([200, 200, 'ok']);
    expect(sockets.size).toBe(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
