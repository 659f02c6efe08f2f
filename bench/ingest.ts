/**
 * bench:ingest — 200,000 reports (3 indicators each, Zipf-distributed values so repeats are common) through
 * the real batch route from 8 concurrent clients into a real API and worker process, end to end until every
 * report is processed; then the database is checked (nothing lost, no sighting counted twice). The same load then
 * runs against one API and two worker processes (scale-out of the consumer side). The baseline, measured in the
 * same run, pushes the same rows with plain `pg` multi-row statements.
 *   npm run bench:ingest -- [reports] [--split] [--workers=N]   (--workers=N: only that many workers, not 1 and 2)
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@scamintel/persistence';
import { tryNormalize } from '@scamintel/indicators';
import { freePort, percentile, pool, recreateDatabase, rng, spawnApp, waitHttp, zipf } from './support';

const REPORTS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200_000);
/** `--split`: accept everything with the worker stopped, then start it, to time intake and processing apart. */
const SPLIT = process.argv.includes('--split');
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '4';
const ONLY_WORKERS = process.argv.find((a) => a.startsWith('--workers='));
const WORKER_COUNTS = ONLY_WORKERS ? [Number(ONLY_WORKERS.split('=')[1])] : [1, 2];
const BATCH = 1000;
const CLIENTS = 8;
const DISTINCT = 20_000;

function values(random: () => number) {
  const pick = zipf(DISTINCT, 1.1, random);
  const phone = (k: number) => `+65 ${String(90_000_000 + k * 37).replace(/^(\d{4})/, '$1 ')}`;
  const url = (k: number) => `hxxps://pay-${k}.scam-shop[.]top/login?id=${k % 97}`;
  const domain = (k: number) => `dbs-${k}-secure.com`;
  return () => [{ value: phone(pick()) }, { value: url(pick()) }, { value: domain(pick()) }];
}

function makeReports(n: number, seed: number) {
  const random = rng(seed);
  const three = values(random);
  const types = ['phishing', 'investment', 'job', 'ecommerce', 'impersonation_bank'];
  return Array.from({ length: n }, (_, i) => ({
    scamType: types[i % types.length],
    channel: 'sms',
    occurredAt: new Date(Date.UTC(2026, 10, 1) + (i % 28) * 86400_000).toISOString(),
    tlp: 'green',
    loss: i % 4 === 0 ? { amount: `${100 + (i % 900)}.50`, currency: 'SGD' } : undefined,
    indicators: three(),
  }));
}

async function ours(reports: ReturnType<typeof makeReports>, workers: number) {
  const db = 'scamintel_bench_ingest';
  const url = await recreateDatabase(db);
  await runMigrations(url);
  const port = await freePort();
  const admin = randomBytes(24).toString('base64url');
  const env = {
    DATABASE_URL: url,
    PORT: String(port),
    BOOTSTRAP_ADMIN_KEY: admin,
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY,
    NODE_ID: 'sg-bench',
    JURISDICTION: 'SG',
  };
  const api = spawnApp('api', env);
  const startWorkers = () => Array.from({ length: workers }, () => spawnApp('worker', env));
  let worker = SPLIT ? undefined : startWorkers();
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHttp(`${base}/health/live`);
    const orgs = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const res = await fetch(`${base}/v1/admin/keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'reporter', organisation: `bank-${i}`, trust: 'medium' }),
        });
        return ((await res.json()) as { key: string }).key;
      }),
    );
    const bodies: { key: string; body: string }[] = [];
    for (let i = 0; i < reports.length; i += BATCH)
      bodies.push({ key: orgs[(i / BATCH) % CLIENTS], body: JSON.stringify({ reports: reports.slice(i, i + BATCH) }) });
    const sql = new Client({ connectionString: url });
    await sql.connect();
    const latencies: number[] = [];
    let accepted = 0;
    const t0 = performance.now();
    await pool(bodies, CLIENTS, async ({ key, body }) => {
      const s = performance.now();
      const res = await fetch(`${base}/v1/reports/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
      latencies.push(performance.now() - s);
      if (res.status !== 202) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
      accepted += ((await res.json()) as { ids: string[] }).ids.length;
    });
    const tAccepted = performance.now();
    if (!worker) worker = startWorkers();
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*) FILTER (WHERE status <> 'processed')::int AS pending FROM reports`);
      if (rows[0].pending === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const tDone = performance.now();
    const processSeconds = (tDone - tAccepted) / 1000;
    const {
      rows: [check],
    } = await sql.query(`
      SELECT (SELECT count(*)::int FROM reports WHERE status = 'processed') AS processed,
             (SELECT count(*)::int FROM report_indicators) AS ledger,
             (SELECT coalesce(sum(reports), 0)::int FROM indicator_stats) AS counted,
             (SELECT count(*)::int FROM (SELECT DISTINCT report_id, fingerprint FROM report_indicators WHERE status <> 'rejected') d) AS distinctSightings,
             (SELECT count(*)::int FROM indicators) AS indicators`);
    await sql.end();
    latencies.sort((a, b) => a - b);
    const seconds = (tDone - t0) / 1000;
    return {
      seconds,
      acceptSeconds: (tAccepted - t0) / 1000,
      processSeconds,
      reportsPerSec: accepted / seconds,
      indicatorsPerSec: check.ledger / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      lost: REPORTS - check.processed,
      doubleCounted: check.counted - check.distinctsightings,
      distinctIndicators: check.indicators,
    };
  } finally {
    api.kill('SIGTERM');
    for (const w of worker ?? []) w.kill('SIGTERM');
  }
}

/** Raw baseline: the same reports and indicator rows written by plain pg multi-row statements, 4 clients. */
async function baseline(reports: ReturnType<typeof makeReports>) {
  const url = await recreateDatabase('scamintel_bench_baseline');
  const setup = new Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE r (id bigint PRIMARY KEY, scam_type text, occurred_at timestamptz, indicators jsonb)`);
  await setup.query(`CREATE TABLE i (fingerprint text PRIMARY KEY, type text, value text, reports int)`);
  await setup.end();
  // Normalised values for the baseline are computed before the clock starts: it measures storage alone.
  const batches: {
    ids: number[];
    scam: string[];
    at: string[];
    ind: string[];
    fps: string[];
    types: string[];
    vals: string[];
    counts: number[];
  }[] = [];
  for (let i = 0; i < reports.length; i += BATCH) {
    const slice = reports.slice(i, i + BATCH);
    const merged = new Map<string, { type: string; value: string; n: number }>();
    for (const r of slice)
      for (const x of r.indicators) {
        const t = tryNormalize(x.value, { region: 'SG' });
        if (!t.ok) continue;
        const n = t.indicator;
        const m = merged.get(n.fingerprint);
        if (m) m.n++;
        else merged.set(n.fingerprint, { type: n.type, value: n.value, n: 1 });
      }
    const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    batches.push({
      ids: slice.map((_, k) => i + k),
      scam: slice.map((r) => r.scamType),
      at: slice.map((r) => r.occurredAt),
      ind: slice.map((r) => JSON.stringify(r.indicators)),
      fps: sorted.map(([f]) => f),
      types: sorted.map(([, v]) => v.type),
      vals: sorted.map(([, v]) => v.value),
      counts: sorted.map(([, v]) => v.n),
    });
  }
  const clients = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (next < batches.length) {
        const b = batches[next++];
        await c.query('BEGIN');
        await c.query(`INSERT INTO r SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::jsonb[])`, [
          b.ids,
          b.scam,
          b.at,
          b.ind,
        ]);
        await c.query(
          `INSERT INTO i SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (fingerprint) DO UPDATE SET reports = i.reports + excluded.reports`,
          [b.fps, b.types, b.vals, b.counts],
        );
        await c.query('COMMIT');
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { seconds, reportsPerSec: reports.length / seconds };
}

async function main() {
  const reports = makeReports(REPORTS, 42);
  process.stdout.write(
    `bench:ingest — ${REPORTS} reports × 3 indicators, ${CLIENTS} clients, batches of ${BATCH}, ${DISTINCT} distinct values per type (Zipf s=1.1)\n`,
  );
  const base = await baseline(reports);
  process.stdout.write(
    `baseline (plain pg multi-row insert + upsert, 4 clients): ${base.reportsPerSec.toFixed(0)} reports/s (${base.seconds.toFixed(2)} s)\n`,
  );
  const runs: { workers: number; r: Awaited<ReturnType<typeof ours>> }[] = [];
  for (const workers of WORKER_COUNTS) {
    const r = await ours(reports, workers);
    runs.push({ workers, r });
    process.stdout.write(
      `scamintel end to end, 1 API + ${workers} worker${workers > 1 ? 's' : ''}: ${r.reportsPerSec.toFixed(0)} reports/s, ${r.indicatorsPerSec.toFixed(0)} indicators/s (${r.seconds.toFixed(2)} s; all accepted after ${r.acceptSeconds.toFixed(2)} s)\n`,
    );
    if (SPLIT)
      process.stdout.write(
        `  split: intake alone ${(REPORTS / r.acceptSeconds).toFixed(0)} reports/s; workers alone (incl. start-up) ${(REPORTS / r.processSeconds).toFixed(0)} reports/s\n`,
      );
    process.stdout.write(
      `  API batch latency: p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms; distinct indicators ${r.distinctIndicators}; lost ${r.lost}; double-counted ${r.doubleCounted}\n`,
    );
  }
  const r = runs[0].r;
  const ratio = r.reportsPerSec / base.reportsPerSec;
  const two = runs.find((x) => x.workers === 2)?.r;
  if (two) process.stdout.write(`2 workers / 1 worker: ${(two.reportsPerSec / r.reportsPerSec).toFixed(2)}×\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'ingest', workers: runs[0].workers, reportsPerSec: Math.round(r.reportsPerSec), indicatorsPerSec: Math.round(r.indicatorsPerSec), baselinePerSec: Math.round(base.reportsPerSec), ratio: Number(ratio.toFixed(3)), p50Ms: Math.round(r.p50), p99Ms: Math.round(r.p99), lost: r.lost, doubleCounted: r.doubleCounted, ...(two ? { twoWorkersReportsPerSec: Math.round(two.reportsPerSec), twoWorkersOverOne: Number((two.reportsPerSec / r.reportsPerSec).toFixed(3)) } : {}) })}\n`,
  );
  const clean = runs.every((x) => x.r.lost === 0 && x.r.doubleCounted === 0);
  process.exit(clean ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
