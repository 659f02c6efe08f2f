/**
 * bench:campaigns (CONTRACT §10, issue 13): BENCH_REPORTS reports (default 1,000,000) × 3 values, shaped like
 * campaigns (five reports per operation sharing a recruiter domain and one of two wallet domains, a phone of their
 * own, a popular hub domain in 1 % of them), in batches of 1,000.
 * Ingest is seeded through bench:ingest's raw baseline (bench/ingest-baseline.ts: plain `pg` writing exactly the rows
 * the intake pipeline writes — reports, outbox, indicators, ledger, reporter and jurisdiction aggregates — with the
 * values normalised before the clock starts), so "ingest alone" is what intake commits, without HTTP or queue
 * overhead. In the same run, each group of 20 batches is then clustered as the worker does it (one step per 20
 * outbox batches); the clustering time over the ingest time is the share of ingest throughput clustering costs.
 * Then `campaigns:rebuild` over everything, checked equal to the incremental result (every value's group, the live
 * campaigns and their figures). BENCH_QUERY_TIMES=1 prints the wall time per SQL statement of both phases.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { GraphRepository, GroupsWriter, RebuildRepository } from '@scamintel/campaigns';
import { dataSourceOptions, runMigrations } from '@scamintel/persistence';
import { BenchReport, plan, write } from './ingest-baseline';
import { emit, recreateDatabase, sampleRss, size } from './support';

const REPORTS = size('REPORTS', 1_000_000);
const BATCH = 1000;
const BATCHES_PER_STEP = 20;
const HUB_AT = 25;
const T0 = Date.UTC(2026, 0, 1);

/** Statement wall times (first words of the SQL), per phase, when BENCH_QUERY_TIMES is set. */
const queryTimes = new Map<string, { ms: number; n: number }>();
let timing = false;
if (process.env.BENCH_QUERY_TIMES) {
  const orig = Client.prototype.query as (...a: unknown[]) => unknown;
  (Client.prototype as unknown as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
    const t = performance.now();
    const p = orig.apply(this, args);
    if (!timing || typeof args[0] !== 'string' || !(p instanceof Promise)) return p;
    const key = args[0].replace(/\s+/g, ' ').trim().slice(0, 80);
    return p.finally(() => {
      const e = queryTimes.get(key) ?? { ms: 0, n: 0 };
      e.ms += performance.now() - t;
      e.n++;
      queryTimes.set(key, e);
    });
  };
}
function printTimes(phase: string): void {
  if (!queryTimes.size) return;
  process.stdout.write(`  ${phase}, per statement:\n`);
  for (const [k, v] of [...queryTimes].sort((x, y) => y[1].ms - x[1].ms).slice(0, 12))
    process.stdout.write(`  ${(v.ms / 1000).toFixed(2).padStart(8)} s ${String(v.n).padStart(6)}×  ${k}\n`);
  queryTimes.clear();
}

function batchOf(start: number): BenchReport[] {
  const out: BenchReport[] = [];
  for (let i = start; i < Math.min(start + BATCH, REPORTS); i++) {
    const c = Math.floor(i / 5);
    const values = [`c${c}-recruiter.top`, i % 100 === 0 ? 'hub-marketplace.top' : `c${c}-wallet${i % 2}.top`, `+65${91_000_000 + i}`];
    out.push({
      scamType: i % 3 ? 'job' : 'investment',
      channel: i % 2 ? 'telegram' : 'whatsapp',
      occurredAt: new Date(T0 + i * 1000).toISOString(),
      tlp: 'amber',
      loss: i % 4 ? undefined : { amount: `${(i % 997) + 1}.50`, currency: 'SGD' },
      indicators: values.map((value) => ({ value })),
    });
  }
  return out;
}

async function state(db: DataSource): Promise<string> {
  const nodes = await db.query(
    `SELECT md5(string_agg(fingerprint || ':' || coalesce(component::text, '-'), ',' ORDER BY fingerprint)) AS h FROM campaign_nodes`,
  );
  const live = await db.query(
    `SELECT count(*)::int AS n, coalesce(sum(reports), 0)::int AS r,
            md5(string_agg(concat_ws(':', id, indicators, reports, first_seen, last_seen, jurisdictions, scam_types, channels), ',' ORDER BY id)) AS h
       FROM campaigns WHERE live`,
  );
  return `${nodes[0].h}/${live[0].n}/${live[0].r}/${live[0].h}`;
}

async function main(): Promise<void> {
  const url = await recreateDatabase('scamintel_bench_campaigns');
  await runMigrations(url);
  const db = new DataSource(dataSourceOptions({ databaseUrl: url, poolSize: 4 }));
  await db.initialize();
  const groups = new GroupsWriter();
  const graph = new GraphRepository(db, groups);
  const rebuild = new RebuildRepository(db);

  const ingest = new Client({ connectionString: url });
  await ingest.connect();
  // Where the CPU goes (bench process — ingest writes and clustering's JS —, PostgreSQL, the rest of the machine).
  const window = sampleRss({});
  let ingestMs = 0;
  let clusterMs = 0;
  let pending = 0;
  const step = async () => {
    timing = true;
    const t = performance.now();
    const ids = await graph.pendingBatches(BATCHES_PER_STEP);
    await graph.applyBatches(ids, HUB_AT);
    clusterMs += performance.now() - t;
    timing = false;
    pending = 0;
  };
  for (let start = 0; start < REPORTS; start += BATCH) {
    const b = plan(batchOf(start), 'org:bank-0', 'SG');
    const t = performance.now();
    await write(ingest, b);
    ingestMs += performance.now() - t;
    if (++pending === BATCHES_PER_STEP) await step();
    if (start % 100_000 === 0 && start) process.stderr.write(`[bench:campaigns] ${start} reports\n`);
  }
  if (pending) await step();
  window.stop();
  await ingest.end();
  printTimes('clustering');
  const incremental = await state(db);
  timing = true;
  const t = performance.now();
  const rebuilt = await rebuild.rebuild(HUB_AT);
  const rebuildMs = performance.now() - t;
  timing = false;
  printTimes('rebuild');
  const same = (await state(db)) === incremental;

  const off = REPORTS / (ingestMs / 1000);
  const on = REPORTS / ((ingestMs + clusterMs) / 1000);
  process.stdout.write(
    `campaigns: ${REPORTS} reports × 3 values\n` +
      `  ingest alone (intake's writes)       ${off.toFixed(0)} reports/s (${(ingestMs / 1000).toFixed(1)} s)\n` +
      `  with clustering            ${on.toFixed(0)} reports/s (clustering ${(clusterMs / 1000).toFixed(1)} s, ${((clusterMs / (ingestMs + clusterMs)) * 100).toFixed(1)} % of the time)\n` +
      `  rebuild                    ${(rebuildMs / 1000).toFixed(1)} s (${rebuilt.links} links, ${rebuilt.groups} groups, ${rebuilt.campaigns} campaigns)\n` +
      `  incremental == rebuild     ${same}\n`,
  );
  await db.destroy();
  emit({
    bench: 'campaigns',
    reports: REPORTS,
    reportsPerSec: Math.round(on),
    baselinePerSec: Math.round(off),
    ratio: Number((on / off).toFixed(3)),
    clusteringCostPct: Number(((clusterMs / (ingestMs + clusterMs)) * 100).toFixed(1)),
    rebuildSec: Number((rebuildMs / 1000).toFixed(1)),
    campaigns: rebuilt.campaigns,
    incrementalEqualsRebuild: same,
  });
  if (!same) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
