/**
 * The same benches against two builds, interleaved: before, after, before, after, … (ABAB), so on a shared machine
 * the load other people put on it falls on both sides alike. "before" is another built checkout (BENCH_APP_ROOT,
 * support.ts: its API, worker, migrations and normaliser, driven by this checkout's harness); "after" is this one.
 * Every run's result line is appended to the output file with the load average at its start and end; the end is a
 * markdown table per bench (each run, its same-run baseline, the medians and the after/before ratio of the medians).
 *
 *   git worktree add --detach ../bench-before <commit> && (cd ../bench-before && node scripts/prepare.js --build)
 *   node dist/bench/before-after.js --before=../bench-before [--benches=normalize,lookup,sync,ingest] [--pairs=3]
 *        [--after-env="LOOKUP_CACHE_TTL_MS=0"] [--out=out/bench/before-after.jsonl]
 *   node dist/bench/before-after.js --tables=out/bench/before-after.jsonl     the tables again, from recorded runs
 * Sizes as for the benches themselves (BENCH_SECONDS, BENCH_LOOKUP_VALUES, BENCH_SYNC_INDICATORS, …).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './support';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const BEFORE = path.resolve(arg('before', ''));
const BENCHES = arg('benches', 'normalize,lookup,sync,ingest').split(',');
const PAIRS = Number(arg('pairs', '2'));
const AFTER_ENV = arg('after-env', '');
const OUT = path.resolve(arg('out', path.join(ROOT, 'out/bench/before-after.jsonl')));

/** Per bench: the figure compared, its same-run baseline, and the other fields worth a column. */
const FIGURES: Record<string, { figure: string; baseline: string; more: string[]; args: string[] }> = {
  normalize: { figure: 'valuesPerSec', baseline: 'baselinePerSec', more: ['baselinePerCpuSec', 'cpuRatio'], args: [] },
  lookup: { figure: 'lookupsPerSec', baseline: 'baselinePerSec', more: ['p99Ms', 'coldPerSec', 'coldP99Ms', 'errors'], args: [] },
  sync: { figure: 'indicatorsPerSec', baseline: 'baselinePerSec', more: ['lost', 'doubleCounted'], args: [] },
  ingest: { figure: 'reportsPerSec', baseline: 'baselinePerSec', more: ['p99Ms', 'lost', 'doubleCounted'], args: ['--workers=1'] },
};

export interface Run {
  bench: string;
  side: 'before' | 'after';
  pair: number;
  loadStart: number[];
  loadEnd: number[];
  code: number | null;
  result?: Record<string, unknown>;
}

function runOne(bench: string, side: 'before' | 'after', pair: number): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_INGEST_RSS_REPORTS: process.env.BENCH_INGEST_RSS_REPORTS ?? '0',
    BENCH_LOOKUP_SWEEP: process.env.BENCH_LOOKUP_SWEEP ?? '16',
    BENCH_DB_SUFFIX: `_ba${process.pid}`,
  };
  if (side === 'before') env.BENCH_APP_ROOT = BEFORE;
  else {
    delete env.BENCH_APP_ROOT;
    if (AFTER_ENV) env.BENCH_APP_ENV = AFTER_ENV;
  }
  const loadStart = os.loadavg();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, `${bench}.js`), ...FIGURES[bench].args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      let result: Record<string, unknown> | undefined;
      try {
        result = JSON.parse(last) as Record<string, unknown>;
      } catch {
        result = undefined;
      }
      resolve({ bench, side, pair, loadStart, loadEnd: os.loadavg(), code, result });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
/** Large figures whole, small ones (ratios, milliseconds) with three significant decimals. */
const f = (v: number, d?: number) =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: d ?? (Math.abs(v) < 10 ? 3 : Math.abs(v) < 100 ? 1 : 0) }) : '—';

/** Processes of a run's CPU split that are not the code under test (the load tool, other people, shared servers). */
const OUTSIDE = /^(everything else|PostgreSQL: other|PostgreSQL postmaster|PostgreSQL server|Redis|bench process)/;

/**
 * The figure per CPU-second of the code under test — its API and worker processes and its own PostgreSQL backends
 * over the measured window (cpu-split.ts) — which, unlike the wall figure, hardly moves with other people's load.
 * bench:normalize measures its own (the bench process is the code under test).
 */
export function perCpuSecond(r: Run): number {
  if (r.bench === 'normalize') return num(r.result?.valuesPerCpuSec);
  const split = r.result?.cpuSplit as { seconds: number; processes: { name: string; cpuSeconds: number }[] } | undefined;
  if (!split) return NaN;
  const cpu = split.processes.filter((p) => !OUTSIDE.test(p.name)).reduce((t, p) => t + p.cpuSeconds, 0);
  return (num(r.result?.[FIGURES[r.bench].figure]) * split.seconds) / cpu;
}

/** The markdown table of one bench's runs, then the medians of each side and after/before. */
export function table(bench: string, runs: Run[]): string[] {
  const { figure, baseline, more } = FIGURES[bench];
  const ratio = (r: Run) => num(r.result?.[figure]) / num(r.result?.[baseline]);
  const lines = [
    `| run | load (1 min) start → end | ${figure} | same-run ${baseline} | figure / baseline | per CPU-second of the code under test | ${more.join(' | ')} |`,
    `| --- | --- | --- | --- | --- | --- | ${more.map(() => '---').join(' | ')} |`,
    ...runs.map(
      (r) =>
        `| ${r.pair}${r.side === 'before' ? 'A before' : 'B after'} | ${f(r.loadStart[0], 2)} → ${f(r.loadEnd[0], 2)} | ${r.result ? f(num(r.result[figure])) : `failed (exit ${r.code})`} | ${f(num(r.result?.[baseline]))} | ${f(ratio(r), 3)} | ${f(perCpuSecond(r))} | ${more.map((k) => f(num(r.result?.[k]))).join(' | ')} |`,
    ),
  ];
  const sides = (['before', 'after'] as const).map((side) => {
    const ok = runs.filter((r) => r.side === side && r.result);
    const of = (k: string) => median(ok.map((r) => num(r.result?.[k])));
    return {
      side,
      figure: of(figure),
      baseline: of(baseline),
      ratio: median(ok.map(ratio)),
      cpu: median(ok.map(perCpuSecond)),
      more: more.map(of),
    };
  });
  const [a, b] = sides;
  lines.push(
    ...sides.map(
      (s) =>
        `| median ${s.side} | | ${f(s.figure)} | ${f(s.baseline)} | ${f(s.ratio, 3)} | ${f(s.cpu)} | ${s.more.map((v) => f(v)).join(' | ')} |`,
    ),
    `| after / before | | ${f(b.figure / a.figure, 3)} | ${f(b.baseline / a.baseline, 3)} | ${f(b.ratio / a.ratio, 3)} | ${f(b.cpu / a.cpu, 3)} | ${b.more.map((v, i) => f(v / a.more[i], 3)).join(' | ')} |`,
  );
  return lines;
}

async function main(): Promise<void> {
  const recorded = arg('tables', '');
  if (recorded) {
    const runs = readFileSync(recorded, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Run);
    for (const bench of [...new Set(runs.map((r) => r.bench))])
      process.stdout.write(
        `\n### ${bench}\n\n${table(
          bench,
          runs.filter((r) => r.bench === bench),
        ).join('\n')}\n`,
      );
    return;
  }
  if (!arg('before', '')) throw new Error('--before=<a built checkout> is required');
  mkdirSync(path.dirname(OUT), { recursive: true });
  const all: Run[] = [];
  for (const bench of BENCHES) {
    if (!FIGURES[bench]) throw new Error(`unknown bench ${bench}: one of ${Object.keys(FIGURES).join(', ')}`);
    for (let pair = 1; pair <= PAIRS; pair++)
      for (const side of ['before', 'after'] as const) {
        process.stderr.write(`[before-after] ${bench} pair ${pair} ${side} (load ${os.loadavg()[0].toFixed(2)})\n`);
        const run = await runOne(bench, side, pair);
        appendFileSync(OUT, `${JSON.stringify(run)}\n`);
        all.push(run);
      }
  }
  for (const bench of BENCHES)
    process.stdout.write(
      `\n### ${bench}\n\n${table(
        bench,
        all.filter((r) => r.bench === bench),
      ).join('\n')}\n`,
    );
}

if (require.main === module)
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
