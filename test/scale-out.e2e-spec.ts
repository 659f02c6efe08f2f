import { CapturingProxy } from './support/two-nodes';
import { call, waitFor } from './support/node';
import { ScaledNode, startScaledNode } from './support/scaled-node';

/*
 * One node run as the design intends to scale it: 2 API and 2 worker processes (from dist/, as an operator starts
 * them) on one PostgreSQL database and one Redis queue prefix, with the load spread across both APIs. The node is
 * started and loaded once; each property is one `it` below. When campaigns (clusters) and disruption actions arrive,
 * add their property here as one more `it` against the same `sg` node (its SQL client, API URLs and worker metrics),
 * e.g. "every cluster holds exactly the reports a single process would put in it".
 */
const REPORTS = 20_000;
const BATCH = 500;
const REPORTERS = 4;
const HOT = 20; // values shared by many reports: their counts and distinct reporters must come out exact
const ANON_LIMIT = 10;
const POLICY = { maxTlp: 'amber', types: ['domain'], minConfidence: 0, pseudonymise: [], shareNarrative: false };

const hot = (k: number) => `hot-${k}.scale-out.example.com`;

function batch(b: number) {
  return {
    reports: Array.from({ length: BATCH }, (_, j) => {
      const i = b * BATCH + j;
      return {
        scamType: 'investment',
        channel: 'telegram',
        occurredAt: '2026-11-10T00:00:00Z',
        tlp: 'green',
        indicators: [
          { value: hot(i % HOT), type: 'domain' },
          { value: `unique-${i}.scale-out.example.net`, type: 'domain' },
        ],
      };
    }),
  };
}

describe('scale-out: one node as 2 API + 2 worker processes', () => {
  let sg: ScaledNode;
  let kr: ScaledNode;
  const proxy = new CapturingProxy(() => kr.apis[0]);
  const accepted: string[] = [];

  beforeAll(async () => {
    sg = await startScaledNode({
      label: 'scale_sg',
      nodeId: 'sg-scale',
      jurisdiction: 'SG',
      apis: 2,
      workers: 2,
      env: {
        WORKER_CONCURRENCY: '2',
        ANON_REPORT_LIMIT: String(ANON_LIMIT),
        ANON_REPORT_WINDOW_MS: '600000',
        EXCHANGE_PUSH_INTERVAL_MS: '1000',
        EXCHANGE_BATCH_SIZE: '500',
        BULLETIN_CRON: '*/2 * * * * *',
        RELAY_GRACE_MS: '2000',
        ACTIONS_EXPIRY_INTERVAL_MS: '1000',
        // The longest the cache may keep an answer: any freshness seen below comes from the broadcast, not expiry.
        LOOKUP_CACHE_TTL_MS: '3600000',
      },
    });
    kr = await startScaledNode({ label: 'scale_kr', nodeId: 'kr-scale', jurisdiction: 'KR', apis: 1, workers: 0 });
    await proxy.start();

    const keys = await Promise.all(
      Array.from({ length: REPORTERS }, async (_, i) => {
        const res = await call(`${sg.apis[i % 2]}/v1/admin/keys`, {
          key: sg.adminKey,
          body: { role: 'reporter', organisation: `org-${i}`, trust: 'medium' },
        });
        return res.body.key as string;
      }),
    );
    // Batch b goes to API b % 2 with reporter b % REPORTERS, four requests in flight.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let b = next++; b < REPORTS / BATCH; b = next++) {
          const res = await call(`${sg.apis[b % 2]}/v1/reports/batch`, { key: keys[b % REPORTERS], body: batch(b) });
          if (res.status !== 202) throw new Error(`batch ${b}: ${res.status} ${JSON.stringify(res.body)}`);
          accepted.push(...(res.body.ids as string[]));
        }
      }),
    );
    await waitFor(
      async () => {
        const { rows } = await sg.sql.query(`SELECT count(*)::int AS n FROM reports WHERE status <> 'processed'`);
        return rows[0].n === 0;
      },
      120000,
      250,
    );
  }, 240000);

  // Five processes stop in turn, each given time to drain: at load 15 on two cores that overran the default 60 s.
  afterAll(async () => {
    await proxy.stop();
    await sg?.close();
    await kr?.close();
  }, 180000);

  afterEach(() => {
    if (sg && !sg.alive()) process.stderr.write(sg.logs());
  });

  it('counts 20,000 reports spread across both APIs exactly, with both APIs and both workers taking part', async () => {
    expect(new Set(accepted).size).toBe(REPORTS);
    const { rows: r } = await sg.sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'processed')::int AS done FROM reports`,
    );
    expect(r[0]).toEqual({ n: REPORTS, done: REPORTS });
    const { rows: ledger } = await sg.sql.query(`SELECT count(*)::int AS n FROM report_indicators`);
    expect(ledger[0].n).toBe(REPORTS * 2);
    const { rows: hotRows } = await sg.sql.query(
      `SELECT i.value, s.reports, (SELECT count(*)::int FROM indicator_reporters r WHERE r.fingerprint = s.fingerprint AND r.jurisdiction = 'SG') AS reporters,
              (SELECT array_agg(r.reports ORDER BY r.reports) FROM indicator_reporters r WHERE r.fingerprint = s.fingerprint AND r.jurisdiction = 'SG') AS per_reporter
         FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value LIKE 'hot-%' ORDER BY i.value`,
    );
    const perHot = REPORTS / HOT;
    expect(hotRows).toEqual(
      Array.from({ length: HOT }, (_, k) => hot(k))
        .sort()
        .map((value) => ({ value, reports: perHot, reporters: REPORTERS, per_reporter: Array(REPORTERS).fill(perHot / REPORTERS) })),
    );
    const { rows: unique } = await sg.sql.query(
      `SELECT count(*)::int AS n, min(reports)::int AS min, max(reports)::int AS max FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value LIKE 'unique-%'`,
    );
    expect(unique[0]).toEqual({ n: REPORTS, min: 1, max: 1 });

    const received = await Promise.all(sg.apis.map((u) => sg.metric(u, 'scamintel_reports_received_total', { submitter: 'key' })));
    expect(received).toEqual([REPORTS / 2, REPORTS / 2]);
    const completed = () =>
      Promise.all(
        sg.workerMetrics.map((u) =>
          sg.metric(u, 'scamintel_job_duration_seconds_count', { queue: 'ingest', name: 'ingest-batch', outcome: 'completed' }),
        ),
      );
    // A job's reports are processed at its commit; its completion is counted a moment later, when the handler returns.
    await waitFor(async () => (await completed()).reduce((a, b) => a + b, 0) >= REPORTS / BATCH, 10000, 100);
    const ingested = await completed();
    for (const n of ingested) expect(n).toBeGreaterThan(0);
    expect(ingested.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(REPORTS / BATCH);
    expect(sg.alive()).toBe(true);
  });

  it('holds the anonymous rate limit across both APIs: one client gets the limit in total, not per process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ANON_LIMIT + 6; i++) {
      const res = await call(`${sg.apis[i % 2]}/v1/reports`, {
        body: {
          scamType: 'phishing',
          channel: 'sms',
          occurredAt: '2026-11-10T00:00:00Z',
          indicators: [{ value: `anon-${i}.example.org` }],
        },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array(ANON_LIMIT).fill(202), ...Array(6).fill(429)]);
  });

  it('serves no stale lookup: a change through one API process or a worker reaches the other API process by broadcast, long before LOOKUP_CACHE_TTL_MS', async () => {
    const value = 'stale-check.scale-out.example.org';
    type Answer = { verdict: string; reports: number; indicator: { fingerprint: string } };
    const lookup = async () => (await call(`${sg.apis[1]}/v1/lookup?q=${value}`)).body as Answer;
    // Answered twice by the second API: from then on from its cache.
    expect(await lookup()).toMatchObject({ verdict: 'unknown', reports: 0 });
    expect(await lookup()).toMatchObject({ verdict: 'unknown', reports: 0 });
    const reporter = (
      await call(`${sg.apis[0]}/v1/admin/keys`, { key: sg.adminKey, body: { role: 'reporter', organisation: 'stale-org', trust: 'high' } })
    ).body.key as string;
    const report = { scamType: 'phishing', channel: 'sms', occurredAt: new Date().toISOString(), indicators: [{ value }] };
    expect((await call(`${sg.apis[0]}/v1/reports`, { key: reporter, body: report })).status).toBe(202);
    // A worker commits the sighting and announces it; the second API drops its cached answer.
    const seen = await waitFor(async () => {
      const a = await lookup();
      return a.reports === 1 && a;
    }, 30000);
    expect(seen.verdict).not.toBe('legitimate');
    // An analyst's verdict through the first API: the second API answers it within the broadcast's bound.
    const analyst = (
      await call(`${sg.apis[0]}/v1/admin/keys`, { key: sg.adminKey, body: { role: 'analyst', organisation: 'stale-police' } })
    ).body.key as string;
    const set = await call(`${sg.apis[0]}/v1/indicators/${seen.indicator.fingerprint}/verdict`, {
      key: analyst,
      body: { verdict: 'legitimate', note: 'the operator proved ownership' },
    });
    expect(set.status).toBe(200);
    await waitFor(async () => (await lookup()).verdict === 'legitimate', 5000, 20);
  });

  it('runs one weekly bulletin per period although both workers keep the schedule', async () => {
    const runs = async () =>
      (
        await Promise.all(
          sg.workerMetrics.map((u) =>
            sg.metric(u, 'scamintel_job_duration_seconds_count', { queue: 'bulletins', name: 'bulletin-weekly', outcome: 'completed' }),
          ),
        )
      ).reduce((a, b) => a + b, 0);
    const before = await runs();
    await waitFor(async () => (await runs()) >= before + 3, 30000, 200);
    const { rows } = await sg.sql.query(`SELECT request_key, version, revision, status FROM bulletins ORDER BY created_at`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ request_key: expect.stringMatching(/^weekly:/), version: 1, revision: 1 });
  });

  it('pushes every indicator to the partner once: one push per cursor range, no batch sent twice', async () => {
    const identity = async (n: ScaledNode) => (await call(`${n.apis[0]}/v1/exchange/identity`)).body;
    const [sgId, krId] = [await identity(sg), await identity(kr)];
    const register = (at: ScaledNode, partner: typeof sgId, baseUrl: string) =>
      call(`${at.apis[0]}/v1/admin/partners`, {
        key: at.adminKey,
        body: { nodeId: partner.nodeId, jurisdiction: partner.jurisdiction, baseUrl, publicKey: partner.publicKey, policy: POLICY },
      });
    expect((await register(kr, sgId, sg.apis[0])).status).toBe(201);
    expect((await register(sg, krId, proxy.url)).status).toBe(201);

    const { rows: shared } = await sg.sql.query(`SELECT count(*)::int AS n FROM indicators`);
    const expected = shared[0].n; // every local indicator is TLP green, a domain, sighted in SG
    const sentIds = () =>
      proxy.requests
        .filter((q) => q.path === '/v1/exchange/inbox')
        .flatMap((q) =>
          (JSON.parse(q.body.toString()).objects as { type: string; id: string }[]).filter((o) => o.type === 'indicator').map((o) => o.id),
        );
    await waitFor(async () => sentIds().length >= expected, 120000, 250);
    // Two more schedule periods: a second push of any range would show up now.
    await new Promise((r) => setTimeout(r, 2500));

    const inbox = proxy.requests.filter((q) => q.path === '/v1/exchange/inbox');
    expect(inbox.map((q) => q.status).filter((s) => s !== 200)).toEqual([]);
    const ids = sentIds();
    expect(ids.length).toBe(expected);
    expect(new Set(ids).size).toBe(expected);
    // Indicator pushes only: campaign shares are audited as exchange.sent too, with no batch id.
    const { rows: sent } = await sg.sql.query(
      `SELECT details->>'batchId' AS batch FROM audit_log WHERE action = 'exchange.sent' AND details ? 'batchId'`,
    );
    expect(sent.length).toBe(inbox.length);
    expect(new Set(sent.map((s) => s.batch)).size).toBe(inbox.length);
    const { rows: got } = await kr.sql.query(`SELECT count(*)::int AS n FROM partner_sightings`);
    expect(got[0].n).toBe(expected);
    expect(sg.alive()).toBe(true);
  });

  it('expires each due action exactly once although both workers run the expiry schedule', async () => {
    const key = async (body: Record<string, unknown>) =>
      (await call(`${sg.apis[0]}/v1/admin/keys`, { key: sg.adminKey, body })).body.key as string;
    const analyst = await key({ role: 'analyst', organisation: 'scale-analyst' });
    const telco = await key({ role: 'reporter', organisation: 'scale-telco', sector: 'telco', jurisdiction: 'SG' });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const api = sg.apis[i % 2];
      const created = await call(`${api}/v1/actions`, {
        key: analyst,
        body: {
          kind: 'block_number',
          value: `+659${String(1000000 + i)
            .slice(1)
            .padStart(7, '0')}`,
          reason: 'scale-out',
        },
      });
      expect(created.status).toBe(201);
      for (const to of ['acknowledged', 'done'])
        expect((await call(`${api}/v1/actions/${created.body.id}/transition`, { key: telco, body: { to } })).status).toBe(200);
      ids.push(created.body.id);
    }
    // The clock cannot be moved in other processes: the lifetimes are moved instead.
    await sg.sql.query(`UPDATE actions SET expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [ids]);
    await waitFor(
      async () =>
        (await sg.sql.query(`SELECT count(*)::int AS n FROM actions WHERE id = ANY($1::uuid[]) AND state = 'expired'`, [ids])).rows[0].n ===
        20,
      30000,
      200,
    );
    await new Promise((r) => setTimeout(r, 2500)); // two more ticks on each worker
    const events = await sg.sql.query(
      `SELECT action_id, count(*)::int AS n FROM action_events WHERE to_state = 'expired' GROUP BY action_id`,
    );
    expect(events.rows.map((r) => r.n)).toEqual(Array(20).fill(1));
    const audited = await sg.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'action.expired' AND subject = ANY($1)`, [
      ids,
    ]);
    expect(audited.rows[0].n).toBe(20);
    expect(sg.alive()).toBe(true);
  });
});
