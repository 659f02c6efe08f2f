import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { TargetRefused, checkTarget, postWebhook } from './http-target';

describe('delivery-time target checks (a real local server, an injected resolver)', () => {
  const hits: string[] = [];
  let port = 0;
  const server = http.createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('connects to the address the check resolved (pinned), not to a second resolution', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const r = await postWebhook(`http://hooks.bank.example:${port}/in`, {}, '{}', { allowPrivate: true, timeoutMs: 2000, resolve });
    expect(r.status).toBe(200);
    expect(hits).toEqual([`hooks.bank.example:${port} /in`]);
  });

  it('refuses at delivery time a name that now resolves to a private address, without connecting', async () => {
    hits.length = 0;
    let calls = 0;
    // Public when the subscription was checked, loopback when the delivery goes out: DNS rebinding.
    const resolve = async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    expect(await checkTarget(`http://rebind.example:${port}/in`, false, resolve)).toHaveProperty('url');
    await expect(
      postWebhook(`http://rebind.example:${port}/in`, {}, '{}', { allowPrivate: false, timeoutMs: 2000, resolve }),
    ).rejects.toBeInstanceOf(TargetRefused);
    await expect(postWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', { allowPrivate: false, timeoutMs: 2000 })).rejects.toBeInstanceOf(
      TargetRefused,
    );
    await expect(postWebhook(`ftp://127.0.0.1:${port}/in`, {}, '{}', { allowPrivate: true, timeoutMs: 2000 })).rejects.toBeInstanceOf(
      TargetRefused,
    );
    expect(hits).toEqual([]);
  });
});
