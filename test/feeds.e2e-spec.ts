import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { FeedRefreshService } from '@scamintel/feeds';
import { fingerprint } from '@scamintel/vocabulary';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';
import { waitProcessed } from './support/reports';

const ADMIN = 'feeds-admin-key-0123456789abcdef0123';

const csvRows = (text: string) =>
  text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => {
      const [value, type, fp, status, changedAt] = l.split(',');
      return { value, type, fp, status, changedAt };
    });

describe('GET /v1/feeds/blocklist (CONTRACT §12)', () => {
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const keys: Record<string, string> = {};
  const feed = async (query: string, key = keys.bank) => {
    const res = await fetch(`${api.url}/v1/feeds/blocklist${query}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, type: res.headers.get('content-type'), asOf: res.headers.get('x-feed-as-of'), text: await res.text() };
  };

  beforeAll(async () => {
    db = await createTestDatabase('feeds');
    const config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      FEED_REFRESH_INTERVAL_MS: '3600000',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    for (const [name, body] of Object.entries({
      bank: { role: 'reporter', organisation: 'DBS Bank', trust: 'high', sector: 'bank', bankCodes: ['7171'] },
      citizen: { role: 'reporter', organisation: 'Citizen app', trust: 'medium' },
      analyst: { role: 'analyst', organisation: 'SPF' },
      partner: { role: 'partner', organisation: 'KNPA', partnerNodeId: 'kr-knpa' },
    }))
      keys[name] = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body })).body.key;
    const report = (value: string, tlp: string) => ({
      scamType: 'phishing',
      channel: 'sms',
      occurredAt: new Date().toISOString(),
      tlp,
      indicators: [{ value }],
    });
    const submitted = await call(`${api.url}/v1/reports/batch`, {
      key: keys.bank,
      body: { reports: [report('+6581110001', 'green'), report('+6581110002', 'amber'), report('dbs-verify.top', 'clear')] },
    });
    const one = await call(`${api.url}/v1/reports`, { key: keys.citizen, body: report('+6581110003', 'clear') });
    const ids = [...submitted.body.ids, one.body.id];
    await waitProcessed(api.url, keys.analyst, ids);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('lists scam verdicts at TLP clear and green, as CSV and plain text; amber and suspicious values stay out', async () => {
    const refresh = worker.app.get(FeedRefreshService);
    expect(await refresh.refresh(new Date())).toMatchObject({ judged: 4 });
    const csv = await feed('');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[0]).toBe('value,type,fingerprint,status,changed_at');
    expect(
      csvRows(csv.text)
        .map((r) => [r.value, r.type, r.status])
        .sort(),
    ).toEqual([
      ['+6581110001', 'phone', 'listed'],
      ['dbs-verify.top', 'domain', 'listed'],
    ]);
    expect(csvRows(csv.text).find((r) => r.value === '+6581110001')!.fp).toBe(fingerprint('phone', '+6581110001'));
    const txt = await feed('?format=txt&type=phone');
    expect(txt.type).toBe('text/plain; charset=utf-8');
    expect(txt.text).toBe('+6581110001\n');
    expect((await feed('?format=txt&type=domain')).text).toBe('dbs-verify.top\n');
  });

  it('since gives the changes, revocations included; the verdict change is an indicator.verdict_changed event', async () => {
    const events: any[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        events.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/verdicts`;
    expect(
      (await call(`${api.url}/v1/subscriptions`, { key: keys.analyst, body: { url: hook, events: ['indicator.verdict_changed'] } })).status,
    ).toBe(201);
    const first = await feed('');
    const asOf = first.asOf!;
    expect(Date.parse(asOf)).toBeGreaterThan(0);
    expect(csvRows((await feed(`?since=${encodeURIComponent(asOf)}`)).text)).toEqual([]);
    const fp = fingerprint('phone', '+6581110001');
    const v = await call(`${api.url}/v1/indicators/${fp}/verdict`, {
      key: keys.analyst,
      body: { verdict: 'legitimate', note: 'the bank’s own number' },
    });
    expect(v.status).toBeLessThan(300);
    await worker.app.get(FeedRefreshService).refresh(new Date(Date.now() + 1000));
    const delta = csvRows((await feed(`?since=${encodeURIComponent(asOf)}`)).text);
    expect(delta.map((r) => [r.value, r.status])).toEqual([['+6581110001', 'revoked']]);
    expect(csvRows((await feed('')).text).map((r) => r.value)).toEqual(['dbs-verify.top']);
    expect((await feed('?format=txt')).text).toBe('dbs-verify.top\n');
    await waitFor(async () => events.length > 0);
    expect(events).toEqual([
      {
        type: 'indicator.verdict_changed',
        timestamp: expect.any(String),
        data: { fingerprint: fp, type: 'phone', value: '+6581110001', verdict: 'legitimate', previous: 'scam' },
      },
    ]);
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('refuses the public (401), partner keys (403) and bad parameters (400)', async () => {
    expect((await fetch(`${api.url}/v1/feeds/blocklist`)).status).toBe(401);
    expect((await feed('', keys.partner)).status).toBe(403);
    for (const q of ['?format=xml', '?type=planet', '?since=yesterday', '?colour=red'])
      expect([q, (await feed(q)).status]).toEqual([q, 400]);
  });
});
