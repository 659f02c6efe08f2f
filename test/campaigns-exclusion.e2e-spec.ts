import { fingerprint } from '@scamintel/vocabulary';
import { Client } from 'pg';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';
import { waitProcessed } from './support/reports';
import { cli } from './support/cli';

const ADMIN = 'campaigns-excl-admin-key-0123456789abcd';
const fp = (value: string) => fingerprint('domain', value);

/**
 * Issue 13 with issue 10 §4, end to end: a report rejected in review leaves the campaigns (the worker follows the
 * review), so a campaign that report alone bridged splits and its loss and jurisdiction leave the record; a later
 * review that restores it (an appeal) joins them again; the rebuild agrees at every step.
 */
describe('campaigns leave out reports rejected in review', () => {
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;
  let reporter: string;
  let analyst: string;
  const env = () => ({ DATABASE_URL: db.url, CAMPAIGN_HUB_MIN_REPORTS: '6', CAMPAIGN_INTERVAL_MS: '200' });

  const groupOf = async (value: string) =>
    (await sql.query(`SELECT component::text FROM campaign_nodes WHERE fingerprint = $1`, [fp(value)])).rows[0]?.component ?? null;
  const state = async () => ({
    nodes: (await sql.query(`SELECT fingerprint, reports, component::text FROM campaign_nodes ORDER BY 1`)).rows,
    links: (await sql.query(`SELECT a, b, reports, first_at, tlp_rank FROM campaign_links ORDER BY a, b`)).rows,
    live: (await sql.query(`SELECT id::text, indicators, reports, first_seen, jurisdictions FROM campaigns WHERE live ORDER BY id`)).rows,
  });
  /** The worker has followed every review: the graph's excluded set is the reports' excluded state. */
  const followed = () =>
    waitFor(async () => {
      const { rows } = await sql.query(
        `SELECT (SELECT array_agg(id::text ORDER BY id) FROM reports WHERE excluded_at IS NOT NULL) IS NOT DISTINCT FROM
                (SELECT array_agg(report_id::text ORDER BY report_id) FROM campaign_excluded) AS same,
                NOT EXISTS (SELECT 1 FROM intake_outbox o WHERE NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id)) AS clustered`,
      );
      return rows[0].same && rows[0].clustered;
    });
  const record = async (id: string) => (await call(`${api.url}/v1/campaigns/${id}`, { key: analyst })).body;
  const review = async (id: string, verdict: string) =>
    expect((await call(`${api.url}/v1/reports/${id}/review`, { key: analyst, body: { verdict } })).status).toBe(200);
  const rebuildAgrees = async () => {
    const before = await state();
    const run = await cli(['campaigns:rebuild', '--json'], env());
    expect(run.code).toBe(0);
    expect(await state()).toEqual(before);
  };

  beforeAll(async () => {
    db = await createTestDatabase('campaigns_exclusion');
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

  it('a rejected bridging report splits the campaign and leaves its figures; an appeal restores both; the rebuild agrees', async () => {
    const report = (values: string[], extra: Record<string, unknown> = {}) => ({
      scamType: 'job',
      channel: 'telegram',
      occurredAt: '2026-11-20T10:00:00Z',
      indicators: values.map((value) => ({ type: 'domain', value })),
      ...extra,
    });
    const body = {
      reports: [
        report(['x1-jobs.top', 'x2-jobs.top'], { loss: { amount: '120.00', currency: 'SGD' } }),
        report(['x2-jobs.top', 'bridge-x.top']),
        report(['bridge-x.top', 'y1-pay.top'], {
          jurisdiction: 'KR',
          occurredAt: '2026-11-01T10:00:00Z',
          loss: { amount: '800000', currency: 'KRW' },
        }),
        report(['y1-pay.top', 'y2-pay.top']),
        report(['y2-pay.top', 'y3-pay.top']),
      ],
    };
    const res = await call(`${api.url}/v1/reports/batch`, { key: reporter, body });
    expect(res.status).toBe(202);
    const ids = res.body.ids as string[];
    await waitProcessed(api.url, analyst, ids);
    await followed();
    const whole = await groupOf('x1-jobs.top');
    expect(await groupOf('y3-pay.top')).toBe(whole);
    expect(await record(whole)).toMatchObject({
      reports: 5,
      jurisdictions: ['KR', 'SG'],
      firstSeen: '2026-11-01T10:00:00.000Z',
      losses: [
        { currency: 'KRW', amount: '800000.00' },
        { currency: 'SGD', amount: '120.00' },
      ],
    });
    const before = await state();

    await review(ids[2], 'rejected');
    await followed();
    const [x, y] = [await groupOf('x1-jobs.top'), await groupOf('y1-pay.top')];
    expect(x && y && x !== y).toBe(true);
    expect(await groupOf('bridge-x.top')).toBe(x);
    expect(await record(x)).toMatchObject({ reports: 2, jurisdictions: ['SG'], firstSeen: '2026-11-20T10:00:00.000Z' });
    expect((await record(x)).losses).toEqual([{ currency: 'SGD', amount: '120.00' }]);
    expect(await record(y)).toMatchObject({ reports: 2, jurisdictions: ['SG'], losses: [] });
    const { rows } = await sql.query(`SELECT campaign::text, others::text[] FROM campaign_events WHERE kind = 'split'`);
    expect(rows).toEqual([{ campaign: whole, others: [x, y].sort() }]);
    await rebuildAgrees();

    await review(ids[2], 'confirmed');
    await followed();
    expect(await groupOf('y3-pay.top')).toBe(whole);
    expect(await state()).toEqual(before);
    expect((await record(whole)).losses).toEqual([
      { currency: 'KRW', amount: '800000.00' },
      { currency: 'SGD', amount: '120.00' },
    ]);
    await rebuildAgrees();
  });
});
