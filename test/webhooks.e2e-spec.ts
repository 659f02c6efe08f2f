import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';

const ADMIN = 'webhooks-admin-key-0123456789abcdef';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver: records every request; `fail[path]` answers 500 that many times first, `dead` paths always. */
class Receiver {
  readonly got: Received[] = [];
  readonly fail: Record<string, number> = {};
  readonly dead = new Set<string>();
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.got.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const failing = this.dead.has(path) || (this.fail[path] ?? 0) > 0;
      if (this.fail[path]) this.fail[path]--;
      res.writeHead(failing ? 500 : 204).end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  on(path: string) {
    return this.got.filter((g) => g.path === path);
  }
}

describe('webhooks (CONTRACT §12, Standard Webhooks) against a local receiver', () => {
  let api: RunningApi;
  let strict: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const receiver = new Receiver();
  const keys: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const subs: Record<string, string> = {};

  const subscribe = async (k: string, name: string, body: Record<string, unknown>) => {
    const r = await call(`${api.url}/v1/subscriptions`, { key: keys[k], body: { url: `${receiver.url}/${name}`, ...body } });
    expect(r.status).toBe(201);
    expect(r.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    secrets[name] = r.body.secret;
    subs[name] = r.body.id;
    return r.body;
  };
  const freeze = (account: string) =>
    call(`${api.url}/v1/actions`, { key: keys.analyst, body: { kind: 'freeze_account', value: account, reason: 'mule account' } });

  beforeAll(async () => {
    await receiver.start();
    db = await createTestDatabase('webhooks');
    const env = {
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_DISABLE_AFTER: '2',
    };
    const config = testConfig(env);
    api = await startApi(config);
    worker = await startWorker(config);
    // The same node's API as deployed by default: private targets refused.
    strict = await startApi(testConfig({ ...env, WEBHOOK_ALLOW_PRIVATE: undefined, QUEUE_PREFIX: config.queuePrefix }));
    for (const [name, body] of Object.entries({
      analyst: { role: 'analyst', organisation: 'SPF' },
      dbs: { role: 'reporter', organisation: 'DBS Bank', sector: 'bank', bankCodes: ['7171'], jurisdiction: 'SG' },
      ocbc: { role: 'reporter', organisation: 'OCBC', sector: 'bank', bankCodes: ['7339'], jurisdiction: 'SG' },
    }))
      keys[name] = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body })).body.key;
  });
  afterAll(async () => {
    await worker?.close();
    await strict?.close();
    await api?.close();
    await db?.drop();
    await receiver.stop();
  });

  it('delivers action.assigned to the assigned bank, signed per Standard Webhooks; never to another bank', async () => {
    await subscribe('dbs', 'dbs', { events: ['action.assigned', 'action.updated'] });
    await subscribe('ocbc', 'ocbc', { events: ['action.assigned', 'action.updated'] });
    const created = await freeze('SG:7171:1234567890');
    expect(created.status).toBe(201);
    const [msg] = await waitFor(async () => receiver.on('/dbs').length >= 1 && receiver.on('/dbs'));
    const verified = new Webhook(secrets.dbs).verify(msg.body, {
      'webhook-id': String(msg.headers['webhook-id']),
      'webhook-timestamp': String(msg.headers['webhook-timestamp']),
      'webhook-signature': String(msg.headers['webhook-signature']),
    }) as any;
    expect(verified).toMatchObject({ type: 'action.assigned', data: { id: created.body.id, assignee: 'DBS Bank', state: 'requested' } });
    expect(Object.keys(JSON.parse(msg.body))).toEqual(['type', 'timestamp', 'data']);
    expect(msg.headers['webhook-id']).toMatch(/^msg_/);
    // Another secret does not verify it.
    expect(() => new Webhook(secrets.ocbc).verify(msg.body, msg.headers as Record<string, string>)).toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/ocbc')).toEqual([]);
  });

  it('a 500 is retried with the same webhook-id until accepted', async () => {
    await subscribe('analyst', 'flaky', { events: ['action.assigned'], filter: { types: ['bank_account'] } });
    receiver.fail['/flaky'] = 2;
    await freeze('SG:7171:2222222222');
    const tries = await waitFor(async () => receiver.on('/flaky').length >= 3 && receiver.on('/flaky'));
    expect(new Set(tries.map((t) => t.headers['webhook-id'])).size).toBe(1);
    expect(new Set(tries.map((t) => t.body)).size).toBe(1);
    const deliveries = await waitFor(async () => {
      const d = (await call(`${api.url}/v1/subscriptions/${subs.flaky}/deliveries`, { key: keys.analyst })).body.deliveries;
      return d[0]?.status === 'delivered' && d;
    });
    expect(deliveries[0]).toMatchObject({ id: tries[0].headers['webhook-id'], attempts: 3, lastStatus: 204 });
  });

  it('a deleted subscription gets nothing more', async () => {
    const before = receiver.on('/dbs').length;
    const del = await call(`${api.url}/v1/subscriptions/${subs.dbs}`, { key: keys.dbs, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await call(`${api.url}/v1/subscriptions/${subs.dbs}`, { key: keys.dbs, method: 'DELETE' })).status).toBe(404);
    const flakyBefore = receiver.on('/flaky').length;
    await freeze('SG:7171:3333333333');
    // The analyst's subscription hears of it, so the event was delivered; the deleted one did not.
    await waitFor(async () => receiver.on('/flaky').length > flakyBefore);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.on('/dbs').length).toBe(before);
    expect((await call(`${api.url}/v1/subscriptions`, { key: keys.dbs })).body.subscriptions).toEqual([]);
  });

  it('a subscription that keeps failing is disabled and shown so; a replay sends again with the same ids and enables it', async () => {
    await subscribe('analyst', 'dead', { events: ['action.assigned'] });
    receiver.dead.add('/dead');
    await freeze('SG:7171:4444444444');
    await freeze('SG:7171:5555555555');
    const listed = await waitFor(async () => {
      const s = (await call(`${api.url}/v1/subscriptions`, { key: keys.analyst })).body.subscriptions.find((x: any) => x.id === subs.dead);
      return s.status === 'disabled' && s;
    });
    expect(listed).toMatchObject({ failures: 2, disabledReason: '2 events in a row failed every attempt' });
    const ids = new Set(receiver.on('/dead').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(2);
    const attempts = receiver.on('/dead').length;
    expect(attempts).toBe(6);
    await freeze('SG:7171:6666666666'); // nothing goes to a disabled subscription
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/dead').length).toBe(attempts);

    receiver.dead.delete('/dead');
    const replay = await call(`${api.url}/v1/subscriptions/${subs.dead}/replay`, { key: keys.analyst, body: {} });
    expect(replay.status).toBe(202);
    expect(replay.body.replayed).toBe(2);
    await waitFor(async () => receiver.on('/dead').length >= attempts + 2);
    expect(
      new Set(
        receiver
          .on('/dead')
          .slice(attempts)
          .map((r) => r.headers['webhook-id']),
      ),
    ).toEqual(ids);
    expect(
      (await call(`${api.url}/v1/subscriptions`, { key: keys.analyst })).body.subscriptions.find((x: any) => x.id === subs.dead),
    ).toMatchObject({
      status: 'active',
      failures: 0,
    });
  });

  it('refuses private, loopback, link-local and non-http(s) targets (400), nothing stored', async () => {
    const count = async () => (await call(`${api.url}/v1/subscriptions`, { key: keys.ocbc })).body.subscriptions.length;
    const before = await count();
    for (const url of [
      receiver.url,
      'http://localhost:9/x',
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://2130706433/',
    ]) {
      const r = await call(`${strict.url}/v1/subscriptions`, { key: keys.ocbc, body: { url, events: ['action.updated'] } });
      expect([url, r.status, r.body.error.code]).toEqual([url, 400, 'invalid_target']);
    }
    for (const url of ['ftp://files.example/x', 'file:///etc/passwd', 'javascript:alert(1)', 'http://user:pw@hooks.example/']) {
      const r = await call(`${api.url}/v1/subscriptions`, { key: keys.ocbc, body: { url, events: ['action.updated'] } });
      expect([url, r.status]).toEqual([url, 400]);
    }
    const badEvent = await call(`${api.url}/v1/subscriptions`, {
      key: keys.ocbc,
      body: { url: `${receiver.url}/x`, events: ['action.exploded'] },
    });
    expect(badEvent.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
