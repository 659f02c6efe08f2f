import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@scamintel/persistence';
import { benchDatabases, cpuWindow, cpuWindows } from './cpu-split';

export const ROOT = path.resolve(__dirname, '../..');
export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The build whose API and worker (and, for bench:normalize, whose normaliser) a bench measures: this checkout's, or
 * with BENCH_APP_ROOT=<another built checkout> that one's — the same harness against another version of the code,
 * so two figures differ only by the code under test (bench/before-after.ts, docs/renovation-benchmarks.md).
 */
export const APP_ROOT = process.env.BENCH_APP_ROOT ? path.resolve(process.env.BENCH_APP_ROOT) : ROOT;

/** Migrates a bench database with the migrations of the build under test (another checkout has its own set). */
export async function migrate(url: string): Promise<void> {
  if (APP_ROOT === ROOT) {
    await runMigrations(url);
    return;
  }
  const r = spawnSync(process.execPath, [path.join(APP_ROOT, 'dist/scripts/migrate.js')], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`migrations of ${APP_ROOT} failed: ${r.stderr}`);
}

/** A module of the build under test: ours as imported, or the same file compiled in BENCH_APP_ROOT's dist/. */
export function underTest<T>(distPath: string, ours: T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other build is only known at run time
  return APP_ROOT === ROOT ? ours : (require(path.join(APP_ROOT, 'dist', distPath)) as T);
}

/** Deterministic PRNG (mulberry32), so every run draws the same values. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf(s) sampler over ranks 0..n-1 by inverse CDF on a precomputed table. */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += 1 / Math.pow(k, s);
  let acc = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = acc += 1 / Math.pow(k, s) / sum;
  return () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * Drops and creates a bench's database. BENCH_DB_SUFFIX is appended to its name, so two checkouts benchmarking on
 * one server at once (or a before/after pair) never drop each other's database mid-run.
 */
export async function recreateDatabase(base: string): Promise<string> {
  const name = `${base}${(process.env.BENCH_DB_SUFFIX ?? '').toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  benchDatabases.add(name);
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The flags `npm run start:api|start:worker` and the Dockerfile run with, so benchmarks measure the same. */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * Starts a built app (APP_ROOT's) as its own process, as an operator would. BENCH_NODE_FLAGS adds Node flags (e.g.
 * to try GC settings); BENCH_APP_ENV adds settings (`LOOKUP_CACHE_TTL_MS=0 …`); BENCH_PROFILE=<dir> writes a CPU
 * profile per process there.
 */
export function spawnApp(app: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  const entry = path.join(APP_ROOT, `dist/apps/${app}/src/main.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run bench:* does)`);
  const flags = [...NODE_FLAGS, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/${app}-${env.NODE_ID ?? 'node'}`]
    : [];
  const extra = (process.env.BENCH_APP_ENV ?? '')
    .split(' ')
    .filter((kv) => kv.includes('='))
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
  return spawn(process.execPath, [...flags, ...profile, entry], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, ...Object.fromEntries(extra) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Runs `step` from `concurrency` loops for `seconds`; its rate and latency percentiles (ms). */
export async function timedLoops(
  concurrency: number,
  seconds: number,
  step: (i: number) => Promise<void>,
): Promise<{ perSec: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let i = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        await step(i++);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSec: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A size from the environment (BENCH_<NAME>), else the default: `BENCH_LOOKUP_INDICATORS=2000` for a quick run. */
export function size(name: string, fallback: number): number {
  const raw = process.env[`BENCH_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_${name} must be a positive number, got ${raw}`);
  return n;
}

/** Resident set size (MB) of a process, from /proc (Linux); undefined elsewhere or once it exited. */
export function rssMb(pid: number | undefined): number | undefined {
  if (!pid || process.platform !== 'linux') return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples the RSS of named processes every `everyMs` while a bench runs: the peak, the last value and the series
 * (to tell a flat profile from a leak). The same window also records where the CPU went, per process (cpu-split.ts):
 * emit() reports the first such window of the bench.
 */
export function sampleRss(
  procs: Record<string, ChildProcess | undefined> | (() => Record<string, ChildProcess | undefined>),
  everyMs = 500,
) {
  const series: Record<string, number[]> = {};
  const tick = () => {
    for (const [name, p] of Object.entries(typeof procs === 'function' ? procs() : procs)) {
      const mb = rssMb(p?.pid);
      if (mb !== undefined) (series[name] ??= []).push(mb);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  const cpu = cpuWindow(procs);
  return {
    stop(): Record<string, { peakMb: number; lastMb: number; firstMb: number; samples: number }> {
      clearInterval(timer);
      tick();
      cpu.stop();
      return Object.fromEntries(
        Object.entries(series).map(([k, s]) => [
          k,
          { peakMb: Math.round(Math.max(...s)), lastMb: Math.round(s[s.length - 1]), firstMb: Math.round(s[0]), samples: s.length },
        ]),
      );
    },
    series,
  };
}

export const fmtRss = (r: Record<string, { peakMb: number; lastMb: number }>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} peak ${v.peakMb} MB (end ${v.lastMb} MB)`)
    .join(', ');

/**
 * Prints a bench's result as its last line: one JSON object (CONTRACT §10), read by `npm run bench`; with the CPU
 * split per process of the bench's first measurement window (`cpuSplit`), unless the result carries its own.
 */
export function emit(result: Record<string, unknown>): void {
  const cpuSplit = result.cpuSplit ?? cpuWindows[0];
  process.stdout.write(
    `${JSON.stringify({ ...result, ...(cpuSplit ? { cpuSplit } : {}), loadAvg1m: Number(os.loadavg()[0].toFixed(2)) })}\n`,
  );
}

/** Stops a child and waits for it to exit, so the next bench starts on a quiet machine. */
export async function stop(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}
