import { ClusteringService } from '@scamintel/campaigns';
import { fingerprint } from '@scamintel/vocabulary';
import { Client } from 'pg';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';
import { waitProcessed } from './support/reports';
import { cli } from './support/cli';

const ADMIN = 'campaigns-admin-key-0123456789abcdef01';
const HUB_AT = 6;
const fp = (value: string) => fingerprint('domain', value);

/** Clustering in the worker (CONTRACT §11): groups follow ingest, hubs and warninglisted values never join two, rebuild agrees. */
describe('campaign clustering', () => {
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;
  let reporter: string;
  let analyst: string;
  const env = () => ({ DATABASE_URL: db.url, CAMPAIGN_HUB_MIN_REPORTS: String(HUB_AT), CAMPAIGN_INTERVAL_MS: '200' });

  const submit = async (reports: string[][], extra: string[] = []) => {
    const body = {
      reports: reports.map((values) => ({
        scamType: 'job',
        channel: 'telegram',
        occurredAt: '2026-11-20T10:00:00Z',
        indicators: [...values.map((value) => ({ type: 'domain', value })), ...extra.map((value) => ({ value }))],
      })),
    };
    const res = await call(`${api.url}/v1/reports/batch`, { key: reporter, body });
    expect(res.status).toBe(202);
    await waitProcessed(api.url, analyst, res.body.ids);
    return res.body.ids as string[];
  };
  const clustered = () =>
    waitFor(async () => {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM intake_outbox o WHERE NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id)`,
      );
      return rows[0].n === 0;
    });
  const state = async () => {
    const nodes = await sql.query(`SELECT fingerprint, reports, component::text FROM campaign_nodes ORDER BY fingerprint`);
    const live = await sql.query(`SELECT id::text, indicators, reports, seed_a, seed_b FROM campaigns WHERE live ORDER BY id`);
    return { nodes: nodes.rows, live: live.rows };
  };
  const groupOf = async (value: string) =>
    (await sql.query(`SELECT component::text FROM campaign_nodes WHERE fingerprint = $1`, [fp(value)])).rows[0]?.component ?? null;

  beforeAll(async () => {
    db = await createTestDatabase('campaigns_clustering');
    sql = await sqlClient(db.url);
    const config = testConfig({ ...env(), BOOTSTRAP_ADMIN_KEY: ADMIN });
    api = await startApi(config);
    worker = await startWorker(config);
    reporter = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'Telco', trust: 'high' } }))
      .body.key;
    analyst = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'analyst', organisation: 'SPF' } })).body.key;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  it('groups values seen together, keeps hubs and warninglisted values out, and the rebuild gives the same groups', async () => {
    await submit([['a1-jobs.top', 'a2-jobs.top']], ['1800-255-0000']);
    await submit([
      ['a2-jobs.top', 'a3-jobs.top'],
      ['a3-jobs.top', 'a4-jobs.top'],
      ['b1-pay.top', 'b2-pay.top'],
    ]);
    await submit([['b2-pay.top', 'b3-pay.top', 'b4-pay.top']]);
    // A marketplace domain in reports of both chains and in unrelated ones: a hub, kept out of both.
    await submit([
      ['a1-jobs.top', 'shopee-like.top'],
      ['b1-pay.top', 'shopee-like.top'],
      ...[1, 2, 3, 4, 5].map((i) => [`u${i}-lone.top`, 'shopee-like.top']),
    ]);
    // An official hotline in both chains' reports: warninglisted values never link.
    await submit([['a4-jobs.top'], ['b4-pay.top']], ['1800-255-0000']);
    await clustered();
    const a = await groupOf('a1-jobs.top');
    const b = await groupOf('b1-pay.top');
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
    for (const v of ['a2-jobs.top', 'a3-jobs.top', 'a4-jobs.top']) expect(await groupOf(v)).toBe(a);
    for (const v of ['b2-pay.top', 'b3-pay.top', 'b4-pay.top']) expect(await groupOf(v)).toBe(b);
    expect(await groupOf('shopee-like.top')).toBeNull();
    expect(await groupOf('u1-lone.top')).toBeNull();
    expect(
      (await sql.query(`SELECT 1 FROM campaign_nodes WHERE fingerprint = $1`, [fingerprint('phone', '+6518002550000')])).rowCount,
    ).toBe(0);
    const before = await state();
    expect(before.live.map((c) => [c.id, c.indicators, c.reports])).toEqual(
      expect.arrayContaining([
        [a, 4, 5],
        [b, 4, 4],
      ]),
    );
    expect(before.live).toHaveLength(2);
    const rebuilt = await worker.app.get(ClusteringService).rebuild();
    expect(rebuilt.campaigns).toBe(2);
    expect(await state()).toEqual(before);
  });

  it('a new link merges two campaigns under the older id and records the merge; a report touching one joins it', async () => {
    const a = await groupOf('a1-jobs.top');
    const b = await groupOf('b1-pay.top');
    await submit([['a4-jobs.top', 'b3-pay.top']]);
    await clustered();
    expect(await groupOf('b1-pay.top')).toBe(a);
    const { rows } = await sql.query(`SELECT kind, campaign::text, others::text[] FROM campaign_events WHERE kind = 'merge'`);
    expect(rows).toEqual([{ kind: 'merge', campaign: a, others: [b] }]);
    expect((await sql.query(`SELECT live, merged_into::text FROM campaigns WHERE id = $1`, [b])).rows[0]).toEqual({
      live: false,
      merged_into: a,
    });
    await submit([['new-site.top', 'a3-jobs.top']]);
    await clustered();
    expect(await groupOf('new-site.top')).toBe(a);
    const before = await state();
    expect(before.live).toEqual([expect.objectContaining({ id: a, indicators: 9, reports: 11 })]);
    const run = await cli(['campaigns:rebuild', '--json'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ campaigns: 1, groups: 1 }));
    expect(await state()).toEqual(before);
  });

  it('clustering a batch again changes nothing (idempotent)', async () => {
    const before = await state();
    const { rows } = await sql.query(`SELECT id::text FROM intake_outbox ORDER BY id`);
    await sql.query(`UPDATE campaign_cursor SET low = 0`);
    const outcome = await worker.app.get(ClusteringService).catchUp();
    expect(outcome.batches).toBe(0);
    expect(rows.length).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
  });
});
