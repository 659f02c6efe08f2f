/**
 * What `npm run bench` writes from the benches' JSON lines: docs/benchmarks.md (figures, baselines, ratios, goals,
 * machine) and docs/benchmarks.svg (throughput and p99 per path against their baselines; lookup throughput vs
 * connections). Every number comes from a result line of the run; none is typed by hand.
 */
import { whereTimeGoes } from './where-time-goes';

export type Result = Record<string, unknown> & { bench: string };
export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  loadAvgStart: number[];
  loadAvgEnd: number[];
  startedAt: string;
  minutes: number;
  /** The BENCH_* size variables this run was given (empty: every bench at its default size). */
  sizes: Record<string, string>;
}

/** How each bench's line reads: its throughput, unit, baseline, p99 and goal. Unknown benches fall back to a guess. */
export interface Row {
  bench: string;
  path: string;
  perSec?: number;
  unit: string;
  baselinePerSec?: number;
  baseline: string;
  ratio?: number;
  p99?: number;
  goal: string;
  met?: boolean;
  memory: string;
  notes: string;
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const fmt = (v: number | undefined, digits = 0) =>
  v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const mb = (r: Result, ...keys: string[]) =>
  keys
    .filter((k) => n(r[k]) !== undefined)
    .map(
      (k) =>
        `${k
          .replace(/RssMb$/, '')
          .replace(/([A-Z])/g, ' $1')
          .toLowerCase()} ${fmt(n(r[k]))} MB`,
    )
    .join(', ');

export function rowOf(r: Result): Row {
  const base = {
    bench: r.bench,
    ratio: n(r.ratio),
    memory: mb(r, 'apiRssMb', 'workerRssMb', 'senderWorkerRssMb', 'receiverApiRssMb'),
    notes: '',
  };
  switch (r.bench) {
    case 'lookup':
      return {
        ...base,
        path: 'GET /v1/lookup, 16 connections, half unknown, national formats',
        perSec: n(r.lookupsPerSec),
        unit: 'lookups/s',
        baselinePerSec: n(r.baselinePerSec),
        baseline: 'bare Fastify process serving captured real answers',
        p99: n(r.p99Ms),
        goal: '≥ 5,000/s, p99 ≤ 10 ms',
        met: (n(r.lookupsPerSec) ?? 0) >= 5000 && (n(r.p99Ms) ?? 1e9) <= 10,
        notes: `${fmt(n(r.values))} values seeded through the API; errors ${fmt(n(r.errors))}; first pass over every path (no answer cached): ${fmt(n(r.coldPerSec))}/s, p99 ${fmt(n(r.coldP99Ms), 1)} ms`,
      };
    case 'check':
      return {
        ...base,
        path: `POST /v1/check, 1,000 values, ${fmt(n(r.indicators))} indicators held`,
        perSec: n(r.batchesPerSec),
        unit: 'batches/s',
        baselinePerSec: n(r.baselineBatchesPerSec),
        baseline: 'plain pg: the same 1,000-fingerprint read',
        p99: n(r.p99Ms),
        goal: 'p99 ≤ 100 ms',
        met: (n(r.p99Ms) ?? 1e9) <= 100,
        notes: `${fmt(n(r.valuesPerSec))} values/s; errors ${fmt(n(r.errors))}`,
      };
    case 'ingest':
      return {
        ...base,
        path: 'ingest end to end, 3 indicators/report, Zipf repeats, 1 API + 1 worker',
        perSec: n(r.reportsPerSec),
        unit: 'reports/s',
        baselinePerSec: n(r.baselinePerSec),
        baseline: 'plain pg writing the same rows',
        p99: n(r.p99Ms),
        goal: '≥ 6,000 reports/s, ratio ≥ 0.5, 0 lost, 0 double',
        met: (n(r.reportsPerSec) ?? 0) >= 6000 && (n(r.ratio) ?? 0) >= 0.5 && r.lost === 0 && r.doubleCounted === 0,
        notes:
          `${fmt(n(r.reports))} reports; lost ${fmt(n(r.lost))}, double ${fmt(n(r.doubleCounted))}; p99 is per 1,000-report batch` +
          (n(r.twoWorkersReportsPerSec) ? `; 2 workers ${fmt(n(r.twoWorkersReportsPerSec))}/s` : ''),
      };
    case 'sync':
      return {
        ...base,
        path: `sync SG → KR, signed, ${fmt(n(r.indicators) ?? 100_000)} indicators`,
        perSec: n(r.indicatorsPerSec),
        unit: 'indicators/s',
        baselinePerSec: n(r.baselinePerSec),
        baseline: 'plain pg upserting the same rows',
        goal: '≥ 20,000/s',
        met: (n(r.indicatorsPerSec) ?? 0) >= 20_000,
        notes: `lost ${fmt(n(r.lost))}, double ${fmt(n(r.doubleCounted))}${r.cpuMsPer1000 ? `; CPU ms per 1,000: ${JSON.stringify(r.cpuMsPer1000)}` : ''}`,
      };
    case 'normalize':
      return {
        ...base,
        path: 'normaliser, mixed values, one core',
        perSec: n(r.valuesPerSec),
        unit: 'values/s',
        baselinePerSec: n(r.baselinePerSec),
        baseline: 'fingerprint() alone',
        goal: '≥ 250,000 values per CPU-second of one core',
        // One core's throughput is the rate per CPU-second of the one process: on a shared machine the wall rate
        // also counts the time other processes held the core. Older lines without it are judged by the wall rate.
        met: (n(r.valuesPerCpuSec) ?? n(r.valuesPerSec) ?? 0) >= 250_000,
        notes: n(r.valuesPerCpuSec)
          ? `figure is per second of wall time; per CPU-second of the process: ${fmt(n(r.valuesPerCpuSec))} values (baseline ${fmt(n(r.baselinePerCpuSec))}, ratio ${fmt(n(r.cpuRatio), 3)})`
          : '',
      };
    case 'campaigns': {
      // Issue 13's goal: clustering costs ≤ 20 % of ingest throughput, and rebuilding 1,000,000 reports takes ≤ 60 s.
      // A smaller run can miss the goal but not meet it: its rebuild says nothing about a million reports.
      const cost = n(r.clusteringCostPct);
      const rebuild = n(r.rebuildSec);
      const full = (n(r.reports) ?? 0) >= 1_000_000;
      const missed = (cost ?? 1e9) > 20 || (full && (rebuild ?? 1e9) > 60);
      return {
        ...base,
        path: `ingest with incremental campaign clustering, ${fmt(n(r.reports))} reports × 3 values`,
        perSec: n(r.reportsPerSec),
        unit: 'reports/s',
        baselinePerSec: n(r.baselinePerSec),
        baseline: "intake's writes alone, same run (plain pg)",
        goal: 'clustering ≤ 20 % of ingest throughput; rebuild of 1M reports ≤ 60 s',
        met: missed ? false : full ? true : undefined,
        notes:
          `clustering ${fmt(cost, 1)} % of the time; rebuild ${fmt(rebuild, 1)} s, ${fmt(n(r.campaigns))} campaigns; incremental = rebuild: ${r.incrementalEqualsRebuild === true ? 'yes' : 'no'}` +
          (full ? '' : '; the rebuild goal is judged at 1,000,000 reports only'),
      };
    }
    default: {
      const key = Object.keys(r).find((k) => k.endsWith('PerSec') && !k.startsWith('baseline'));
      return {
        ...base,
        path: r.bench,
        perSec: key ? n(r[key]) : undefined,
        unit: key ? key.replace(/PerSec$/, '/s') : '',
        baselinePerSec: n(r.baselinePerSec),
        baseline: 'see the bench',
        p99: n(r.p99Ms),
        goal: '',
      };
    }
  }
}

export function markdown(results: Result[], failed: { bench: string; code: number | null }[], m: Machine): string {
  const rows = results.map(rowOf);
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` on ${m.startedAt} (${m.minutes.toFixed(1)} min); every figure below comes from the JSON`,
    'lines in [benchmarks.jsonl](benchmarks.jsonl). Each bench measures its raw baseline in the same run on the same machine.',
    '',
    // Written by hand from bench/before-after.ts runs, not by this generator: linked, so a new run keeps it.
    'Before and after the renovation (issue 11), each bench interleaved against the code before it:',
    '[renovation-benchmarks.md](renovation-benchmarks.md).',
    '',
    Object.keys(m.sizes).length
      ? `Sizes set for this run: ${Object.entries(m.sizes)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(', ')}; the others at their defaults.`
      : 'Every bench at its default size.',
    '',
    '![throughput and p99 per path, and lookup throughput vs connections](benchmarks.svg)',
    '',
    '| path | figure | baseline | ratio | p99 | goal | met | memory (RSS) | notes |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.path} | ${fmt(r.perSec, r.perSec !== undefined && r.perSec < 100 ? 1 : 0)} ${r.unit} | ${fmt(r.baselinePerSec, 1)} (${r.baseline}) | ${fmt(r.ratio, 3)} | ${r.p99 === undefined ? '—' : `${fmt(r.p99, 1)} ms`} | ${r.goal} | ${r.met === undefined ? '—' : r.met ? 'yes' : 'no'} | ${r.memory || '—'} | ${r.notes} |`,
    ),
    ...failed.map((f) => `| ${f.bench} | failed (exit ${f.code}) | | | | | | | see the run's output |`),
    '',
  ];
  const ingest = results.find((r) => r.bench === 'ingest');
  if (ingest && n(ingest.longRunReports))
    lines.push(
      `Worker RSS over ${fmt(n(ingest.longRunReports))} reports: peak ${fmt(n(ingest.longRunWorkerRssPeakMb))} MB, growth from the first quarter to the end ${fmt(n(ingest.longRunWorkerRssGrowthMb))} MB (goal ≤ 300 MB, flat); ${fmt(n(ingest.longRunReportsPerSec))} reports/s over the long run. Samples (MB): ${(ingest.longRunWorkerRss as number[] | undefined)?.join(', ') ?? '—'}.`,
      '',
    );
  const lookup = results.find((r) => r.bench === 'lookup');
  const sweep = (lookup?.sweep ?? []) as { connections: number; perSec: number; p99: number; baselinePerSec: number }[];
  if (sweep.length)
    lines.push(
      '## Lookup throughput vs connections',
      '',
      '| connections | lookups/s | p99 | baseline req/s |',
      '| --- | --- | --- | --- |',
      ...sweep.map((s) => `| ${s.connections} | ${fmt(s.perSec)} | ${fmt(s.p99, 1)} ms | ${fmt(s.baselinePerSec)} |`),
      '',
    );
  lines.push(...whereTimeGoes(results, rows));
  lines.push(
    '## Machine',
    '',
    `- ${m.cores} cores (${m.cpu}), ${m.memoryGb.toFixed(1)} GB memory, ${m.os}`,
    `- Node.js ${m.node}; ${m.postgres}; Redis ${m.redis}`,
    `- load average (1, 5, 15 min) at start ${m.loadAvgStart.map((x) => x.toFixed(2)).join(', ')}, at end ${m.loadAvgEnd.map((x) => x.toFixed(2)).join(', ')}`,
    '- everything (API, worker, PostgreSQL, Redis and the load tool) shares these cores; the figures are those of one machine, not of a cluster',
    '',
    'Sizes are set by environment variables (`BENCH_SECONDS`, `BENCH_LOOKUP_VALUES`, `BENCH_INGEST_REPORTS`,',
    '`BENCH_INGEST_RSS_REPORTS`, `BENCH_CHECK_INDICATORS`, `BENCH_SYNC_INDICATORS`, …); `npm run bench -- --quick` runs small',
    'sizes and writes to `out/bench/` instead of `docs/`.',
    '',
  );
  return lines.join('\n');
}
