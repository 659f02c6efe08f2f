/**
 * npm run bench — every bench in turn (each its own process, one after the other so they don't share the
 * machine), then docs/benchmarks.md, docs/benchmarks.jsonl and docs/benchmarks.svg from their result lines.
 *   npm run bench                       default sizes, writes docs/
 *   npm run bench -- --quick            small sizes (a few minutes), writes out/bench/
 *   npm run bench -- --only=lookup,check
 *   npm run bench -- --no-profile        no second, profiled run of the benches whose goal is not met
 * A bench whose goal is not met is run a second time with CPU profiles (BENCH_PROFILE for the API and worker
 * processes, --cpu-prof for the bench process itself), kept under <out>/profiles/<bench>/ and summarised in the
 * "Where the time goes" section; its figures stay those of the first, unprofiled run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { svg } from './chart';
import { Machine, Result, markdown, rowOf } from './report';
import type { CpuSplit } from './cpu-split';
import { profilesOf } from './where-time-goes';
import { ADMIN_URL, ROOT } from './support';

const ORDER = ['normalize', 'lookup', 'check', 'sync', 'campaigns', 'ingest'];
const QUICK = process.argv.includes('--quick');
const PROFILE = !process.argv.includes('--no-profile');
const OUT = QUICK ? path.join(ROOT, 'out/bench') : path.join(ROOT, 'docs');
const ONLY = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
/** Small sizes for a quick run; a variable already set wins. */
const QUICK_SIZES: Record<string, string> = {
  BENCH_SECONDS: '3',
  BENCH_SWEEP_SECONDS: '2',
  BENCH_LOOKUP_VALUES: '1000',
  BENCH_INGEST_REPORTS: '10000',
  BENCH_INGEST_RSS_REPORTS: '30000',
  BENCH_CHECK_INDICATORS: '20000',
  BENCH_SYNC_INDICATORS: '5000',
};

/** Runs one bench; with `profileDir`, every Node process of it writes a CPU profile there. */
function runOne(name: string, profileDir?: string): Promise<{ code: number | null; result?: Result }> {
  const env = { ...process.env };
  if (QUICK) for (const [k, v] of Object.entries(QUICK_SIZES)) env[k] ??= v;
  const flags: string[] = [];
  if (profileDir) {
    env.BENCH_PROFILE = profileDir;
    env.BENCH_INGEST_RSS_REPORTS = '0'; // the long RSS run adds nothing to the profile of the measured path
    flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'bench')}`);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, path.join(__dirname, `${name}.js`)], {
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
      const last = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      let result: Result | undefined;
      try {
        result = last ? (JSON.parse(last) as Result) : undefined;
      } catch {
        result = undefined;
      }
      resolve({ code, result });
    });
  });
}

async function machine(started: Date, loadAvgStart: number[]): Promise<Machine> {
  const pg = new Client({ connectionString: ADMIN_URL });
  await pg.connect();
  const { rows } = await pg.query(`SELECT split_part(version(), ' on ', 1) AS v`);
  await pg.end();
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: rows[0].v,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    loadAvgStart,
    loadAvgEnd: os.loadavg(),
    startedAt: started.toISOString(),
    minutes: (Date.now() - started.getTime()) / 60_000,
    sizes: Object.fromEntries(
      Object.entries(QUICK ? { ...QUICK_SIZES, ...process.env } : process.env).filter(
        (e): e is [string, string] => e[0].startsWith('BENCH_') && typeof e[1] === 'string',
      ),
    ),
  };
}

async function main() {
  const started = new Date();
  const loadAvgStart = os.loadavg();
  const benches = ORDER.filter((b) => existsSync(path.join(__dirname, `${b}.js`)) && (!ONLY || ONLY.includes(b)));
  const results: Result[] = [];
  const failed: { bench: string; code: number | null }[] = [];
  for (const b of benches) {
    process.stdout.write(`\n=== bench:${b} (load average ${os.loadavg()[0].toFixed(2)}) ===\n`);
    const t0 = Date.now();
    const { code, result } = await runOne(b);
    if (result) results.push({ ...result, seconds: Math.round((Date.now() - t0) / 1000) });
    if (code !== 0 || !result) failed.push({ bench: b, code });
    if (result && PROFILE && !process.env.BENCH_PROFILE && rowOf(result).met === false) {
      const dir = path.join(OUT, 'profiles', b);
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`\n=== bench:${b} again, with CPU profiles (goal not met; its figures are not used) ===\n`);
      const profiled = await runOne(b, dir);
      results[results.length - 1].profiles = profilesOf(dir, profiled.result?.cpuSplit as CpuSplit | undefined);
    }
  }
  const m = await machine(started, loadAvgStart);
  const dir = OUT;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'benchmarks.jsonl'),
    [...results, { bench: 'machine', ...m }].map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  writeFileSync(path.join(dir, 'benchmarks.md'), markdown(results, failed, m));
  writeFileSync(path.join(dir, 'benchmarks.svg'), svg(results));
  process.stdout.write(`\nwrote ${path.relative(ROOT, dir)}/benchmarks.{md,jsonl,svg} in ${m.minutes.toFixed(1)} min\n`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
