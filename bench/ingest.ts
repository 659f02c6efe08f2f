/**
 * bench:ingest — reports (3 indicators each, Zipf-distributed values so repeats are common) through the real batch
 * route from 8 concurrent clients into a real API and worker process, end to end until every report is processed;
 * then the database is checked (nothing lost, no sighting counted twice). The same load then runs against one API
 * and two worker processes (scale-out of the consumer side), and a long run (1,000,000 reports by default) records
 * the worker's RSS over time. The baseline, in the same run: plain `pg` writing exactly the rows the pipeline
 * writes (bench/ingest-baseline.ts). API and worker RSS are sampled throughout.
 *   BENCH_INGEST_REPORTS=200000 BENCH_INGEST_RSS_REPORTS=1000000 npm run bench:ingest -- [--split] [--workers=N]
 *   (--workers=N: only that many workers, not 1 and 2; BENCH_INGEST_RSS_REPORTS=0 skips the long run)
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BenchReport, sameWritesBaseline } from './ingest-baseline';
import { emit, fmtRss, freePort, migrate, recreateDatabase, rng, sampleRss, size, spawnApp, stop, waitHttp, zipf } from './support';

const REPORTS = size('INGEST_REPORTS', Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200_000));
const RSS_REPORTS = Number(process.env.BENCH_INGEST_RSS_REPORTS ?? 1_000_000);
/** `--split`: accept everything with the worker stopped, then start it, to time intake and processing apart. */
const SPLIT = process.argv.includes('--split');
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '4';
const ONLY_WORKERS = process.argv.find((a) => a.startsWith('--workers='));
const WORKER_COUNTS = ONLY_WORKERS ? [Number(ONLY_WORKERS.split('=')[1])] : [1, 2];
const BATCH = 1000;
const CLIENTS = 8;
const DISTINCT = 20_000;
const log = (m: string) => process.stderr.write(`[bench:ingest] ${m}\n`);

function values(random: () => number) {
  const pick = zipf(DISTINCT, 1.1, random);
  const phone = (k: number) => `+65 ${String(90_000_000 + k * 37).replace(/^(\d{4})/, '$1 ')}`;
  const url = (k: number) => `hxxps://pay-${k}.scam-shop[.]top/login?id=${k % 97}`;
  const domain = (k: number) => `dbs-${k}-secure.com`;
  return () => [{ value: phone(pick()) }, { value: url(pick()) }, { value: domain(pick()) }];
}

/** The reports of the run, batch by batch, from a fixed seed: a 1,000,000-report run never holds them all. */
function* batchesOf(n: number, seed: number): Generator<BenchReport[]> {
  const random = rng(seed);
  const three = values(random);
  const types = ['phishing', 'investment', 'job', 'ecommerce', 'impersonation_bank'];
  for (let start = 0; start < n; start += BATCH)
    yield Array.from({ length: Math.min(BATCH, n - start) }, (_, k) => {
      const i = start + k;
      return {
        scamType: types[i % types.length],
        channel: 'sms',
        occurredAt: new Date(Date.UTC(2026, 10, 1) + (i % 28) * 86400_000).toISOString(),
        tlp: 'green',
        loss: i % 4 === 0 ? { amount: `${100 + (i % 900)}.50`, currency: 'SGD' } : undefined,
        indicators: three(),
      };
    });
}

async function ours(total: number, workers: number) {
  const db = 'scamintel_bench_ingest';
  const url = await recreateDatabase(db);
  await migrate(url);
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
    const batches = batchesOf(total, 42);
    let sent = 0;
    const sql = new Client({ connectionString: url });
    await sql.connect();
    const rss = sampleRss(() => ({ api, ...Object.fromEntries((worker ?? []).map((w, i) => [`worker ${i + 1}`, w])) }));
    const t0 = performance.now();
    // autocannon sends each batch once (amount = number of batches), each body built when its request is sent.
    const load = await autocannon({
      url: base,
      connections: Math.min(CLIENTS, Math.ceil(total / BATCH)),
      amount: Math.ceil(total / BATCH),
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path: '/v1/reports/batch',
          setupRequest: (req) => {
            const b = batches.next();
            return {
              ...req,
              headers: { authorization: `Bearer ${orgs[sent++ % CLIENTS]}`, 'content-type': 'application/json' },
              body: JSON.stringify({ reports: b.done ? [] : b.value }),
            };
          },
        },
      ],
    });
    if (load.non2xx || load.errors || load.timeouts)
      throw new Error(`batches failed: ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`);
    const tAccepted = performance.now();
    if (!worker) worker = startWorkers();
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*) FILTER (WHERE status <> 'processed')::int AS pending FROM reports`);
      if (rows[0].pending === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const tDone = performance.now();
    const memory = rss.stop();
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
    const seconds = (tDone - t0) / 1000;
    return {
      seconds,
      acceptSeconds: (tAccepted - t0) / 1000,
      processSeconds,
      reportsPerSec: check.processed / seconds,
      indicatorsPerSec: check.ledger / seconds,
      p50: load.latency.p50,
      p99: load.latency.p99,
      lost: total - check.processed,
      doubleCounted: check.counted - check.distinctsightings,
      distinctIndicators: check.indicators,
      memory,
      workerRss: rss.series['worker 1'] ?? [],
    };
  } finally {
    await Promise.all([stop(api), ...(worker ?? []).map(stop)]);
  }
}

/** Mean RSS over a slice of the run (fractions of its samples): growth from the first quarter's end to the last tenth. */
function growth(series: number[]): number {
  const mean = (a: number, b: number) => {
    const part = series.slice(Math.floor(a * series.length), Math.max(Math.floor(a * series.length) + 1, Math.floor(b * series.length)));
    return part.reduce((x, y) => x + y, 0) / Math.max(1, part.length);
  };
  return series.length ? Math.round(mean(0.9, 1) - mean(0.2, 0.3)) : 0;
}

async function main() {
  process.stdout.write(
    `bench:ingest — ${REPORTS} reports × 3 indicators, ${CLIENTS} connections (autocannon), batches of ${BATCH}, ${DISTINCT} distinct values per type (Zipf s=1.1), worker concurrency ${WORKER_CONCURRENCY}\n`,
  );
  const all: BenchReport[] = [];
  for (const b of batchesOf(REPORTS, 42)) all.push(...b);
  const base = await sameWritesBaseline(all, BATCH, Number(WORKER_CONCURRENCY), CLIENTS);
  all.length = 0;
  process.stdout.write(
    `baseline (plain pg, the same rows in the same statements, ${WORKER_CONCURRENCY} connections): ${base.reportsPerSec.toFixed(0)} reports/s (${base.seconds.toFixed(2)} s)\n`,
  );
  const runs: { workers: number; r: Awaited<ReturnType<typeof ours>> }[] = [];
  for (const workers of WORKER_COUNTS) {
    const r = await ours(REPORTS, workers);
    runs.push({ workers, r });
    process.stdout.write(
      `scamintel end to end, 1 API + ${workers} worker${workers > 1 ? 's' : ''}: ${r.reportsPerSec.toFixed(0)} reports/s, ${r.indicatorsPerSec.toFixed(0)} indicators/s (${r.seconds.toFixed(2)} s; all accepted after ${r.acceptSeconds.toFixed(2)} s)\n`,
    );
    if (SPLIT)
      process.stdout.write(
        `  split: intake alone ${(REPORTS / r.acceptSeconds).toFixed(0)} reports/s; workers alone (incl. start-up) ${(REPORTS / r.processSeconds).toFixed(0)} reports/s\n`,
      );
    process.stdout.write(
      `  API batch latency: p50 ${r.p50} ms, p99 ${r.p99} ms; distinct indicators ${r.distinctIndicators}; lost ${r.lost}; double-counted ${r.doubleCounted}\n  memory: ${fmtRss(r.memory)}\n`,
    );
  }
  const r = runs[0].r;
  const ratio = r.reportsPerSec / base.reportsPerSec;
  const two = runs.find((x) => x.workers === 2)?.r;
  if (two) process.stdout.write(`2 workers / 1 worker: ${(two.reportsPerSec / r.reportsPerSec).toFixed(2)}×\n`);
  let long: Awaited<ReturnType<typeof ours>> | undefined;
  if (RSS_REPORTS > 0) {
    log(`long run: ${RSS_REPORTS} reports, 1 API + 1 worker, worker RSS sampled every 0.5 s`);
    long = await ours(RSS_REPORTS, 1);
    process.stdout.write(
      `long run, ${RSS_REPORTS} reports, 1 API + 1 worker: ${long.reportsPerSec.toFixed(0)} reports/s; lost ${long.lost}; double-counted ${long.doubleCounted}; ${fmtRss(long.memory)}; worker RSS growth over the run ${growth(long.workerRss)} MB\n`,
    );
    const w = long.memory['worker 1'];
    process.stdout.write(`goal worker RSS ≤ 300 MB, flat: ${w && w.peakMb <= 300 && growth(long.workerRss) < 30 ? 'met' : 'NOT met'}\n`);
  }
  process.stdout.write(`goal ≥ 6000 reports/s and ratio ≥ 0.5: ${r.reportsPerSec >= 6000 && ratio >= 0.5 ? 'met' : 'NOT met'}\n`);
  emit({
    bench: 'ingest',
    reports: REPORTS,
    workers: runs[0].workers,
    reportsPerSec: Math.round(r.reportsPerSec),
    indicatorsPerSec: Math.round(r.indicatorsPerSec),
    baselinePerSec: Math.round(base.reportsPerSec),
    ratio: Number(ratio.toFixed(3)),
    p50Ms: r.p50,
    p99Ms: r.p99,
    lost: runs.reduce((n, x) => n + x.r.lost, long?.lost ?? 0),
    doubleCounted: runs.reduce((n, x) => n + x.r.doubleCounted, long?.doubleCounted ?? 0),
    apiRssMb: r.memory.api?.peakMb,
    workerRssMb: r.memory['worker 1']?.peakMb,
    ...(two
      ? {
          twoWorkersReportsPerSec: Math.round(two.reportsPerSec),
          twoWorkersOverOne: Number((two.reportsPerSec / r.reportsPerSec).toFixed(3)),
        }
      : {}),
    ...(long
      ? {
          longRunReports: RSS_REPORTS,
          longRunReportsPerSec: Math.round(long.reportsPerSec),
          longRunWorkerRssPeakMb: long.memory['worker 1']?.peakMb,
          longRunWorkerRssGrowthMb: growth(long.workerRss),
          longRunWorkerRss: long.workerRss.filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 60)) === 0).map(Math.round),
        }
      : {}),
  });
  const clean = runs.every((x) => x.r.lost === 0 && x.r.doubleCounted === 0) && (!long || (long.lost === 0 && long.doubleCounted === 0));
  process.exit(clean ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
