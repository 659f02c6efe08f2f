import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';

const ADMIN = 'policing-admin-key-0123456789abcdef';

/** One node of the given jurisdiction with keyed reporters of each trust level and an analyst. */
async function node(jurisdiction: 'SG' | 'KR') {
  const db = await createTestDatabase(`policing_${jurisdiction}`);
  const config = testConfig({
    DATABASE_URL: db.url,
    BOOTSTRAP_ADMIN_KEY: ADMIN,
    NODE_ID: `${jurisdiction.toLowerCase()}-test`,
    JURISDICTION: jurisdiction,
    TRUSTED_PROXIES: '127.0.0.1',
    ANON_REPORT_LIMIT: '1000',
  });
  const api = await startApi(config);
  const worker = await startWorker(config);
  const keys: Record<string, string> = {};
  for (const [name, role, trust] of [
    ['low1', 'reporter', 'low'],
    ['low2', 'reporter', 'low'],
    ['low3', 'reporter', 'low'],
    ['med1', 'reporter', 'medium'],
    ['med2', 'reporter', 'medium'],
    ['med3', 'reporter', 'medium'],
    ['high1', 'reporter', 'high'],
    ['analyst', 'analyst', 'high'],
  ] as const) {
    keys[name] = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: name, trust } })).body.key;
  }
  const close = async () => {
    await worker.close();
    await api.close();
    await db.drop();
  };
  return { api, keys, close };
}

const report = (value: string, over: Record<string, unknown> = {}) => ({
  scamType: 'investment',
  channel: 'call',
  occurredAt: new Date(Date.now() - 3600_000).toISOString(),
  indicators: [{ value, type: 'domain' }],
  ...over,
});

async function submitAndWait(api: RunningApi, analystKey: string, bodies: { key?: string; body: unknown; ip?: string }[]) {
  const ids: string[] = [];
  for (const b of bodies) {
    const res = await call(`${api.url}/v1/reports`, { key: b.key, body: b.body, headers: b.ip ? { 'x-forwarded-for': b.ip } : {} });
    expect(res.status).toBe(202);
    ids.push(res.body.id);
  }
  await waitFor(async () => {
    for (const id of ids) if ((await call(`${api.url}/v1/reports/${id}`, { key: analystKey })).body.status !== 'processed') return false;
    return true;
  });
  return ids;
}

const lookup = async (api: RunningApi, q: string) => (await call(`${api.url}/v1/lookup?q=${encodeURIComponent(q)}&type=domain`)).body;

describe('community policing', () => {
  describe('Korea: scam at 3 reports in 3 months', () => {
    let kr: Awaited<ReturnType<typeof node>>;
    beforeAll(async () => (kr = await node('KR')));
    afterAll(() => kr.close());

    it('turns from suspicious to scam at the third report and says which rule fired', async () => {
      await submitAndWait(kr.api, kr.keys.analyst, [
        { key: kr.keys.low1, body: report('kr-three.shop') },
        { key: kr.keys.low2, body: report('kr-three.shop') },
      ]);
      expect(await lookup(kr.api, 'kr-three.shop')).toMatchObject({
        verdict: 'suspicious',
        explanation: { jurisdiction: 'KR', rule: 'reported' },
      });
      await submitAndWait(kr.api, kr.keys.analyst, [{ key: kr.keys.low3, body: report('kr-three.shop') }]);
      const l = await lookup(kr.api, 'kr-three.shop');
      expect(l).toMatchObject({
        verdict: 'scam',
        explanation: { jurisdiction: 'KR', rule: 'min_reports(3,90d)', reason: expect.stringContaining('3 reports in 90 days') },
      });
    });

    it('does not count reports older than the window', async () => {
      const old = new Date(Date.now() - 120 * 86_400_000).toISOString();
      await submitAndWait(
        kr.api,
        kr.keys.analyst,
        [1, 2, 3].map((i) => ({ key: kr.keys[`low${i}`], body: report('kr-old.shop', { occurredAt: old }) })),
      );
      expect((await lookup(kr.api, 'kr-old.shop')).verdict).toBe('suspicious');
    });

    it('never makes a scam from anonymous reports alone', async () => {
      await submitAndWait(
        kr.api,
        kr.keys.analyst,
        [1, 2, 3, 4].map((i) => ({ body: report('kr-anon.shop'), ip: `203.0.113.${i}` })),
      );
      expect((await lookup(kr.api, 'kr-anon.shop')).verdict).toBe('suspicious');
    });
  });

  describe('Singapore: analyst confirmation or independent reporters of trust medium+', () => {
    let sg: Awaited<ReturnType<typeof node>>;
    beforeAll(async () => (sg = await node('SG')));
    afterAll(() => sg.close());

    it('needs three medium-or-above reporters; low-trust ones do not count', async () => {
      await submitAndWait(
        sg.api,
        sg.keys.analyst,
        ['low1', 'low2', 'low3', 'med1'].map((k) => ({ key: sg.keys[k], body: report('sg-mixed.shop') })),
      );
      expect((await lookup(sg.api, 'sg-mixed.shop')).verdict).toBe('suspicious');
      await submitAndWait(
        sg.api,
        sg.keys.analyst,
        ['med2', 'med3'].map((k) => ({ key: sg.keys[k], body: report('sg-mixed.shop') })),
      );
      expect(await lookup(sg.api, 'sg-mixed.shop')).toMatchObject({ verdict: 'scam', explanation: { rule: 'min_reporters(3,medium)' } });
    });

    it('weighs trust: a high-trust reporter gives more confidence than a low one', async () => {
      await submitAndWait(sg.api, sg.keys.analyst, [
        { key: sg.keys.low1, body: report('sg-low.shop') },
        { key: sg.keys.high1, body: report('sg-high.shop') },
      ]);
      const low = await lookup(sg.api, 'sg-low.shop');
      const high = await lookup(sg.api, 'sg-high.shop');
      expect(high.confidence).toBeGreaterThan(low.confidence);
      expect(high).toMatchObject({ verdict: 'scam', explanation: { rule: 'min_reporters(1,high)' } });
    });

    it('caps what one reporter repeating itself can add', async () => {
      await submitAndWait(sg.api, sg.keys.analyst, [{ key: sg.keys.med1, body: report('sg-once.shop') }]);
      await submitAndWait(
        sg.api,
        sg.keys.analyst,
        Array.from({ length: 10 }, () => ({ key: sg.keys.med2, body: report('sg-spam.shop') })),
      );
      const once = await lookup(sg.api, 'sg-once.shop');
      const spam = await lookup(sg.api, 'sg-spam.shop');
      expect(spam.reports).toBe(10);
      expect(spam.confidence).toBe(once.confidence);
      expect(spam.verdict).toBe('suspicious');
    });

    it('lets older sightings decay', async () => {
      const oldDate = new Date(Date.now() - 45 * 86_400_000).toISOString();
      await submitAndWait(sg.api, sg.keys.analyst, [
        { key: sg.keys.high1, body: report('sg-fresh.shop') },
        { key: sg.keys.high1, body: report('sg-stale.shop', { occurredAt: oldDate }) },
      ]);
      const fresh = await lookup(sg.api, 'sg-fresh.shop');
      const stale = await lookup(sg.api, 'sg-stale.shop');
      expect(stale.confidence).toBeLessThan(fresh.confidence);
      expect(stale.confidence).toBeGreaterThan(0);
    });

    it('lets an analyst override either way, audited, and lists unreviewed indicators in the queue', async () => {
      await submitAndWait(sg.api, sg.keys.analyst, [{ key: sg.keys.low1, body: report('sg-review.shop', { scamType: 'phishing' }) }]);
      const queue = await call(`${sg.api.url}/v1/review/queue?scamType=phishing&indicatorType=domain`, { key: sg.keys.analyst });
      expect(queue.status).toBe(200);
      const item = queue.body.items.find((i: { value: string }) => i.value === 'sg-review.shop');
      expect(item).toMatchObject({ reports: 1, verdict: 'suspicious' });
      expect(queue.body.items.every((i: { scamTypes: Record<string, number> }) => i.scamTypes.phishing > 0)).toBe(true);

      const confirm = await call(`${sg.api.url}/v1/indicators/${item.fingerprint}/verdict`, {
        key: sg.keys.analyst,
        body: { verdict: 'scam', note: 'matches a known syndicate' },
      });
      expect(confirm.status).toBe(200);
      expect(await lookup(sg.api, 'sg-review.shop')).toMatchObject({
        verdict: 'scam',
        confidence: 100,
        explanation: { rule: 'analyst_verdict', reason: expect.stringContaining('known syndicate') },
      });
      const after = await call(`${sg.api.url}/v1/review/queue`, { key: sg.keys.analyst });
      expect(after.body.items.some((i: { value: string }) => i.value === 'sg-review.shop')).toBe(false);

      // A bank's real hotline domain, reported by many, marked legitimate by the analyst.
      await submitAndWait(
        sg.api,
        sg.keys.analyst,
        ['med1', 'med2', 'med3'].map((k) => ({ key: sg.keys[k], body: report('sg-realbank.shop') })),
      );
      const fp = (await lookup(sg.api, 'sg-realbank.shop')).indicator.fingerprint;
      expect((await lookup(sg.api, 'sg-realbank.shop')).verdict).toBe('scam');
      await call(`${sg.api.url}/v1/indicators/${fp}/verdict`, { key: sg.keys.analyst, body: { verdict: 'legitimate' } });
      expect(await lookup(sg.api, 'sg-realbank.shop')).toMatchObject({ verdict: 'legitimate', confidence: 0 });

      const audit = await call(`${sg.api.url}/v1/audit?limit=1000`, { key: ADMIN });
      expect(audit.body.entries.filter((e: { action: string }) => e.action === 'review.indicator')).toHaveLength(2);
      expect((await call(`${sg.api.url}/v1/indicators/${fp}/verdict`, { key: sg.keys.med1, body: { verdict: 'scam' } })).status).toBe(403);
    });

    it('confirming a report confirms its indicators', async () => {
      const [id] = await submitAndWait(sg.api, sg.keys.analyst, [{ key: sg.keys.low1, body: report('sg-confirmed.shop') }]);
      const res = await call(`${sg.api.url}/v1/reports/${id}/review`, {
        key: sg.keys.analyst,
        body: { verdict: 'confirmed', note: 'victim statement verified' },
      });
      expect(res.body).toMatchObject({ verdict: 'confirmed', confirmedIndicators: 1 });
      expect((await lookup(sg.api, 'sg-confirmed.shop')).verdict).toBe('scam');
      expect((await call(`${sg.api.url}/v1/reports/${id}/review`, { key: sg.keys.analyst, body: { verdict: 'maybe' } })).status).toBe(400);
    });

    it('flags a burst of anonymous reports for review instead of raising the verdict', async () => {
      await submitAndWait(sg.api, sg.keys.analyst, [
        { key: sg.keys.med1, body: report('sg-brigade.shop') },
        { key: sg.keys.med2, body: report('sg-brigade.shop') },
        ...[1, 2, 3, 4, 5, 6].map((i) => ({ body: report('sg-brigade.shop'), ip: `198.51.100.${i}` })),
      ]);
      const l = await lookup(sg.api, 'sg-brigade.shop');
      expect(l).toMatchObject({ verdict: 'suspicious', flags: ['anonymous_burst'] });
      expect(l.explanation.reason).toContain('burst');
      const queue = await call(`${sg.api.url}/v1/review/queue`, { key: sg.keys.analyst });
      expect(queue.body.items.find((i: { value: string }) => i.value === 'sg-brigade.shop')).toMatchObject({ flags: ['anonymous_burst'] });
    });

    it('takes public appeals (rate-limited, personal data kept local) that analysts resolve', async () => {
      await submitAndWait(sg.api, sg.keys.analyst, [{ key: sg.keys.high1, body: report('my-bakery.shop') }]);
      expect((await lookup(sg.api, 'my-bakery.shop')).verdict).toBe('scam');
      const appeal = await call(`${sg.api.url}/v1/appeals`, {
        body: {
          value: 'my-bakery.shop',
          type: 'domain',
          contact: 'owner@my-bakery.shop',
          reason: 'This is my bakery, we were impersonated.',
        },
      });
      expect(appeal.status).toBe(202);
      expect(appeal.body).toMatchObject({ status: 'open', indicator: { value: 'my-bakery.shop' } });
      expect(
        (
          await call(`${sg.api.url}/v1/appeals`, {
            body: { value: 'not an indicator ###', contact: 'x@y.com', reason: 'just because I say so' },
          })
        ).status,
      ).toBe(422);
      const open = await call(`${sg.api.url}/v1/appeals?status=open`, { key: sg.keys.analyst });
      expect(open.body.appeals.map((a: { id: string }) => a.id)).toContain(appeal.body.id);
      const resolved = await call(`${sg.api.url}/v1/appeals/${appeal.body.id}/resolve`, {
        key: sg.keys.analyst,
        body: { outcome: 'upheld', note: 'verified business registration' },
      });
      expect(resolved.status).toBe(200);
      expect(await lookup(sg.api, 'my-bakery.shop')).toMatchObject({ verdict: 'legitimate', explanation: { rule: 'analyst_verdict' } });
      expect(
        (await call(`${sg.api.url}/v1/appeals/${appeal.body.id}/resolve`, { key: sg.keys.analyst, body: { outcome: 'dismissed' } })).status,
      ).toBe(409);
      expect(JSON.stringify(await lookup(sg.api, 'my-bakery.shop'))).not.toContain('owner@');
    });
  });
});
