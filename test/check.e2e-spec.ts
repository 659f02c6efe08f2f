import { DataSource } from 'typeorm';
import { poolOf } from '@scamintel/persistence';
import { call, startApi, startWorker, testConfig, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';
import { waitProcessed } from './support/reports';

const ADMIN = 'check-admin-key-0123456789abcdef0123';

describe('POST /v1/check (CONTRACT §6): batch lookup for banks, telcos and platforms', () => {
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('check');
    // Keys cached (as in production) so the only database work of a warm check is its own read.
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN, KEY_CACHE_TTL_MS: '5000', LOOKUP_LIMIT: '100000' });
    api = await startApi(config);
    worker = await startWorker(config);
    for (const [name, role, trust] of [
      ['bank', 'reporter', 'high'],
      ['analyst', 'analyst', 'high'],
      ['partner', 'partner', 'medium'],
    ] as const)
      keys[name] = (
        await call(`${api.url}/v1/admin/keys`, {
          key: ADMIN,
          body: { role, organisation: name, trust, ...(role === 'partner' ? { partnerNodeId: 'kr-x' } : {}) },
        })
      ).body.key;
    const res = await call(`${api.url}/v1/reports/batch`, {
      key: keys.bank,
      body: {
        reports: [
          {
            scamType: 'phishing',
            channel: 'sms',
            occurredAt: new Date().toISOString(),
            indicators: [{ value: 'hxxps://dbs-secure[.]top/login' }],
          },
          { scamType: 'investment', channel: 'call', occurredAt: new Date().toISOString(), indicators: [{ value: '+65 8123 4567' }] },
          {
            scamType: 'impersonation_government',
            channel: 'call',
            occurredAt: new Date().toISOString(),
            indicators: [{ value: '1800 255 0000' }],
          },
        ],
      },
    });
    expect(res.status).toBe(202);
    await waitProcessed(api.url, keys.analyst, res.body.ids);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('answers each item in order as GET /v1/lookup does, bad items in place', async () => {
    const items = [
      { value: '+65 8123 4567' },
      { value: 'https://dbs-secure.top/login', type: 'url' },
      { value: 'never-reported.example.org' },
      { value: 'not a value at all !!' },
      { value: 42 },
      { value: '+6581234567', colour: 'red' },
      { value: '81234567', region: 'SG' },
      { value: '1800-255-0000' }, // an official hotline: on a warninglist, and reported
      { value: '999' }, // an official short code: no indicator, but answered as official
    ];
    const res = await call(`${api.url}/v1/check`, { key: keys.bank, body: { items } });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(items.length);
    for (const i of [0, 1, 2, 3, 6, 7, 8]) {
      const it = items[i] as { value: string; type?: string; region?: string };
      const q = new URLSearchParams({ q: it.value, ...(it.type ? { type: it.type } : {}), ...(it.region ? { region: it.region } : {}) });
      const single = await call(`${api.url}/v1/lookup?${q}`);
      expect(res.body.results[i]).toEqual(single.body);
    }
    expect(res.body.results[0]).toMatchObject({ indicator: { type: 'phone', value: '+6581234567' }, reports: 1, verdict: 'scam' });
    expect(res.body.results[6].indicator.fingerprint).toBe(res.body.results[0].indicator.fingerprint);
    expect(res.body.results[2]).toMatchObject({ indicator: { type: 'domain' }, reports: 0, verdict: 'unknown' });
    expect(res.body.results[3]).toMatchObject({ indicator: null, rejected: { code: expect.any(String) } });
    expect(res.body.results[7]).toMatchObject({ indicator: { type: 'phone' }, warninglist: { name: expect.any(String) } });
    expect(res.body.results[8]).toMatchObject({ indicator: null, verdict: 'legitimate', warninglist: { name: expect.any(String) } });
    expect(res.body.results[4]).toMatchObject({ query: '', indicator: null, rejected: { code: 'validation_failed' } });
    expect(res.body.results[5]).toMatchObject({
      query: '+6581234567',
      rejected: { code: 'validation_failed', reason: 'unknown field "colour"' },
    });
  });

  it('reads a batch of 1000 in one database round trip', async () => {
    const pool = poolOf(api.app.get(DataSource));
    const original = pool.query.bind(pool);
    // The API's own timers share the pool (the outbox relay's pass, a key re-read once its cache entry ages out on a
    // slow machine): those are not the batch's, so only other statements count.
    const background = /intake_outbox|api_keys/;
    let queries: string[] = [];
    (pool as any).query = (...args: any[]) => {
      const text = typeof args[0] === 'string' ? args[0] : String(args[0]?.text ?? '');
      if (!background.test(text)) queries.push(text.slice(0, 120));
      return (original as any)(...args);
    };
    try {
      const items = Array.from({ length: 1000 }, (_, i) => ({
        value: i % 3 ? `+65 8${String(1000000 + i).slice(1)}` : `site-${i}.example.net`,
      }));
      await call(`${api.url}/v1/check`, { key: keys.analyst, body: { items: items.slice(0, 2) } }); // warms the key caches
      queries = [];
      const res = await call(`${api.url}/v1/check`, { key: keys.analyst, body: { items } });
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(1000);
      expect(res.body.results.every((r: any, i: number) => r.query === items[i].value)).toBe(true);
      expect(queries).toHaveLength(1);
    } finally {
      (pool as any).query = original;
    }
  });

  it('refuses an empty or oversized batch (400), the public (401) and a partner key (403)', async () => {
    expect((await call(`${api.url}/v1/check`, { key: keys.bank, body: { items: [] } })).status).toBe(400);
    const many = Array.from({ length: 1001 }, () => ({ value: '+6581234567' }));
    expect((await call(`${api.url}/v1/check`, { key: keys.bank, body: { items: many } })).status).toBe(400);
    expect((await call(`${api.url}/v1/check`, { key: keys.bank, body: { items: [{ value: 'x' }], extra: 1 } })).status).toBe(400);
    expect((await call(`${api.url}/v1/check`, { body: { items: [{ value: 'x' }] } })).status).toBe(401);
    expect((await call(`${api.url}/v1/check`, { key: keys.partner, body: { items: [{ value: 'x' }] } })).status).toBe(403);
  });
});
