import { Client } from 'pg';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';

const ADMIN = 'rejection-admin-key-0123456789abcdef';
const days = (n: number) => new Date(Date.now() - n * 86400_000).toISOString();

/** Issue 10 §4: a report rejected in review leaves every count once, and comes back once when a later review restores it. */
describe('a rejected report stops counting', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let sql: Client;
  const keys: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('rejection');
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN, NODE_ID: 'sg-test', JURISDICTION: 'SG' });
    api = await startApi(config);
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    for (const [name, role] of [
      ['med1', 'reporter'],
      ['med2', 'reporter'],
      ['med3', 'reporter'],
      ['analyst', 'analyst'],
    ] as const)
      keys[name] = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: name, trust: 'medium' } })).body.key;
    const bodies = {
      med1: {
        scamType: 'phishing',
        channel: 'sms',
        occurredAt: days(10),
        loss: { amount: '100.00', currency: 'SGD' },
        extra: 'sg-only-in-1.shop',
      },
      med2: { scamType: 'investment', channel: 'call', occurredAt: days(5), loss: { amount: '200.00', currency: 'SGD' } },
      med3: { scamType: 'job', channel: 'website', occurredAt: days(1), loss: { amount: '300000', currency: 'KRW' } },
    };
    for (const [who, b] of Object.entries(bodies)) {
      const { extra, ...rest } = b as typeof b & { extra?: string };
      const indicators = [{ value: 'sg-rejected.shop', type: 'domain' }, ...(extra ? [{ value: extra, type: 'domain' }] : [])];
      const res = await call(`${api.url}/v1/reports`, { key: keys[who], body: { ...rest, indicators } });
      expect(res.status).toBe(202);
      ids[who] = res.body.id;
    }
    await waitFor(async () => {
      for (const id of Object.values(ids))
        if ((await call(`${api.url}/v1/reports/${id}`, { key: keys.analyst })).body.status !== 'processed') return false;
      return true;
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  const lookup = async (q: string) => (await call(`${api.url}/v1/lookup?q=${q}&type=domain`)).body;
  const sighting = async (fp: string) => {
    const res = await call(`${api.url}/v1/indicators/${fp}`, { key: keys.analyst });
    return res.body.sightings.find((s: { sourceNode: string }) => s.sourceNode === 'sg-test');
  };
  /** The aggregate rows as stored (updated_at aside): what a second run must leave exactly as it was. */
  const aggregates = async () => ({
    stats: (
      await sql.query(
        `SELECT fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank FROM indicator_stats ORDER BY 1, 2`,
      )
    ).rows,
    reporters: (
      await sql.query(
        `SELECT fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen, first_received FROM indicator_reporters ORDER BY 1, 2, 3`,
      )
    ).rows,
    indicators: (await sql.query(`SELECT fingerprint, first_seen, last_seen FROM indicators ORDER BY 1`)).rows,
  });
  const review = (id: string, verdict: string) => call(`${api.url}/v1/reports/${id}/review`, { key: keys.analyst, body: { verdict } });

  it('takes the sightings out of reports, reporters, first/last seen, scam types, channels and losses, once; the verdict follows', async () => {
    const before = await lookup('sg-rejected.shop');
    expect(before).toMatchObject({ reports: 3, verdict: 'scam', scamTypes: expect.arrayContaining(['phishing', 'investment', 'job']) });
    const fp = before.indicator.fingerprint;
    expect(await sighting(fp)).toMatchObject({ reports: 3, reporters: 3, channels: { sms: 1, call: 1, website: 1 } });

    expect((await review(ids.med1, 'rejected')).status).toBe(200);
    const after = await lookup('sg-rejected.shop');
    expect(after).toMatchObject({ reports: 2, verdict: 'suspicious' });
    expect([...after.scamTypes].sort()).toEqual(['investment', 'job']);
    expect(after.firstSeen).toBe(
      new Date((await sql.query(`SELECT occurred_at FROM reports WHERE id = $1`, [ids.med2])).rows[0].occurred_at).toISOString(),
    );
    expect(await sighting(fp)).toMatchObject({
      reports: 2,
      reporters: 2,
      scamTypes: { investment: 1, job: 1 },
      channels: { call: 1, website: 1 },
      losses: { SGD: '200.00', KRW: '300000.00' },
    });
    // An indicator only the rejected report carried has no sighting left.
    expect(await lookup('sg-only-in-1.shop')).toMatchObject({ reports: 0, firstSeen: null });
    const rejected = await aggregates();

    expect((await review(ids.med1, 'rejected')).status).toBe(200);
    expect(await aggregates()).toEqual(rejected);
    expect((await lookup('sg-rejected.shop')).reports).toBe(2);
  });

  it('a later review that does not reject it puts it back, once, exactly as it was', async () => {
    const fp = (await lookup('sg-rejected.shop')).indicator.fingerprint;
    const res = await review(ids.med1, 'needs_info');
    expect(res.status).toBe(200);
    const restored = await aggregates();
    expect(await lookup('sg-rejected.shop')).toMatchObject({ reports: 3, verdict: 'scam' });
    expect(await sighting(fp)).toMatchObject({ reports: 3, reporters: 3, losses: { SGD: '300.00', KRW: '300000.00' } });
    expect((await lookup('sg-only-in-1.shop')).reports).toBe(1);
    expect((await review(ids.med1, 'confirmed')).status).toBe(200);
    expect(await aggregates()).toEqual(restored);
  });

  it('rebuilds the same rows the ingest step wrote: reject then restore is the identity', async () => {
    const start = await aggregates();
    await review(ids.med2, 'rejected');
    expect(await aggregates()).not.toEqual(start);
    await review(ids.med2, 'confirmed');
    expect(await aggregates()).toEqual(start);
  });
});
