/**
 * bench:lookup — GET /v1/lookup under autocannon against a real API process. The values are seeded through the
 * public API (POST /v1/reports/batch, processed by a real worker), then asked for in national formats: half known
 * (phones written as a citizen would type them, domains), half unknown. The main figure is at 16 connections;
 * a sweep over connection counts gives throughput vs connections. The baseline, in the same run: a bare Fastify
 * process answering, for the same paths, real answers captured from the API (same bodies, same sizes).
 *
 *   BENCH_SECONDS=10 BENCH_LOOKUP_VALUES=10000 BENCH_LOOKUP_SWEEP=1,4,16,64 BENCH_SWEEP_SECONDS=5 node dist/bench/lookup.js
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { emit, fmtRss, freePort, migrate, recreateDatabase, rng, sampleRss, size, spawnApp, stop, waitHttp } from './support';

const SECONDS = size('SECONDS', 10);
const SWEEP_SECONDS = size('SWEEP_SECONDS', 5);
const VALUES = size('LOOKUP_VALUES', 10_000);
const CONNECTIONS = 16;
const SWEEP = (process.env.BENCH_LOOKUP_SWEEP ?? '1,4,16,64').split(',').map(Number);
const ADMIN = `bench-lookup-admin-${randomBytes(12).toString('hex')}`;
const log = (m: string) => process.stderr.write(`[bench:lookup] ${m}\n`);

/** Known value k: an SG mobile (two thirds) or a look-alike domain; unknown ones come from a range never reported. */
const phone = (k: number) => String(90_000_000 + k * 37);
const known = (k: number) => (k % 3 === 2 ? `dbs-${k}-secure.com` : `+65${phone(k)}`);
/** How a citizen types it: national formats with spaces, dashes, a country code or none; domains defanged. */
function asTyped(k: number, unknown: boolean, r: () => number): string {
  if (k % 3 === 2) return unknown ? `posb-${k}-login.net` : r() < 0.5 ? `dbs-${k}-secure[.]com` : `DBS-${k}-Secure.com`;
  const d = unknown ? String(90_000_000 + k * 37 + 1) : phone(k);
  const f = Math.floor(r() * 4);
  return f === 0 ? `${d.slice(0, 4)} ${d.slice(4)}` : f === 1 ? `+65 ${d.slice(0, 4)}-${d.slice(4)}` : f === 2 ? `(65) ${d}` : d;
}

async function post(base: string, key: string, route: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Every known value reported 1–3 times by reporters of medium trust, through the batch route; waits for the worker. */
async function seed(base: string, url: string): Promise<void> {
  const keys: string[] = [];
  for (let i = 0; i < 3; i++)
    keys.push((await post(base, ADMIN, '/v1/admin/keys', { role: 'reporter', organisation: `bank-${i}`, trust: 'medium' })).key);
  const r = rng(7);
  const reports: unknown[] = [];
  for (let k = 0; k < VALUES; k++)
    for (let n = 0; n < 1 + (k % 3); n++)
      reports.push({
        scamType: ['phishing', 'investment', 'job'][(k + n) % 3],
        channel: 'sms',
        occurredAt: new Date(Date.now() - Math.floor(r() * 20) * 86_400_000).toISOString(),
        tlp: 'clear',
        indicators: [{ value: known(k) }],
      });
  let total = 0;
  for (let i = 0; i < reports.length; i += 1000) {
    await post(base, keys[(i / 1000) % keys.length], '/v1/reports/batch', { reports: reports.slice(i, i + 1000) });
    total += Math.min(1000, reports.length - i);
  }
  const c = new Client({ connectionString: url });
  await c.connect();
  for (;;) {
    const { rows } = await c.query(`SELECT count(*) FILTER (WHERE status = 'processed')::int AS done FROM reports`);
    if (rows[0].done >= total) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await c.end();
  log(`seeded ${VALUES} values from ${total} reports through POST /v1/reports/batch`);
}

/** The request paths, shuffled: half known values, half unknown, in national formats. */
function paths(): { path: string; known: boolean }[] {
  const r = rng(11);
  const out: { path: string; known: boolean }[] = [];
  for (let k = 0; k < VALUES; k++) {
    out.push({ path: `/v1/lookup?q=${encodeURIComponent(asTyped(k, false, r))}`, known: true });
    out.push({ path: `/v1/lookup?q=${encodeURIComponent(asTyped(k, true, r))}`, known: false });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `duration` seconds of load, or with `amount`, exactly that many requests (each path once: a cold pass). */
async function load(base: string, list: string[], connections: number, duration: number, amount?: number) {
  let next = 0;
  const r = await autocannon({
    url: base,
    connections,
    ...(amount ? { amount } : { duration }),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: list[next++ % list.length] }) }],
  });
  return {
    perSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    bytesPerReq: r.throughput.average / Math.max(1, r.requests.average),
  };
}

/** Real answers for the first paths, checked: a known value has reports, an unknown one answers `unknown`. */
async function capture(base: string, list: { path: string; known: boolean }[]): Promise<{ bodies: string[]; wrong: number }> {
  const bodies: string[] = [];
  let wrong = 0;
  for (const p of list.slice(0, 400)) {
    const text = await (await fetch(`${base}${p.path}`)).text();
    const a = JSON.parse(text) as { reports: number; verdict: string; indicator: unknown };
    if (!a.indicator || (p.known ? a.reports === 0 : a.verdict !== 'unknown')) wrong++;
    bodies.push(text);
  }
  return { bodies, wrong };
}

/** A bare Fastify process answering every path with a captured real answer (cycled): the raw baseline. */
async function bare(bodies: string[]) {
  const file = path.join(os.tmpdir(), `bench-lookup-bodies-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-server.js'), String(port), file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitHttp(`http://127.0.0.1:${port}/health/live`);
  return { child, base: `http://127.0.0.1:${port}`, cleanup: () => rmSync(file, { force: true }) };
}

async function main() {
  const url = await recreateDatabase('scamintel_bench_lookup');
  await migrate(url);
  const port = await freePort();
  const env = {
    DATABASE_URL: url,
    PORT: String(port),
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    LOOKUP_LIMIT: '1000000000',
    NODE_ID: 'sg-bench',
    JURISDICTION: 'SG',
    BOOTSTRAP_ADMIN_KEY: ADMIN,
  };
  const api = spawnApp('api', env);
  let worker = spawnApp('worker', env);
  const base = `http://127.0.0.1:${port}`;
  let raw: Awaited<ReturnType<typeof bare>> | undefined;
  try {
    await waitHttp(`${base}/health/live`);
    await seed(base, url);
    await stop(worker);
    worker = undefined as never;
    const probes = paths();
    const list = probes.map((p) => p.path);
    const { bodies, wrong } = await capture(base, probes);
    if (wrong) throw new Error(`${wrong} of ${bodies.length} probe answers were wrong (known without reports or unknown with a verdict)`);
    // The first pass asks every path once: every answer is computed from the database (the cold figure). The
    // timed runs then see the steady state a public lookup lives in, where answers repeat within the cache's TTL.
    raw = await bare(bodies);
    await load(raw.base, list, CONNECTIONS, 2); // its warm-up
    const baseline = await load(raw.base, list, CONNECTIONS, SECONDS);
    log(`baseline: bare Fastify, real answers (${Math.round(baseline.bytesPerReq)} B/response incl. headers)`);
    const cold = await load(base, list, CONNECTIONS, 0, list.length);
    const rss = sampleRss({ api });
    const ours = await load(base, list, CONNECTIONS, SECONDS);
    const mem = rss.stop();
    const sweep: { connections: number; perSec: number; p99: number; baselinePerSec: number }[] = [];
    for (const c of SWEEP) {
      const o = c === CONNECTIONS ? ours : await load(base, list, c, SWEEP_SECONDS);
      const b = c === CONNECTIONS ? baseline : await load(raw.base, list, c, SWEEP_SECONDS);
      sweep.push({ connections: c, perSec: Math.round(o.perSec), p99: o.p99, baselinePerSec: Math.round(b.perSec) });
    }
    process.stdout.write(
      `bench:lookup — ${VALUES} values seeded through the API, ${list.length} paths (half unknown, national formats), ${CONNECTIONS} connections, ${SECONDS} s\n`,
    );
    process.stdout.write(
      `baseline (bare Fastify process, same paths, captured real answers ${Math.round(baseline.bytesPerReq)} B/response): ${baseline.perSec.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms\n`,
    );
    process.stdout.write(
      `scamintel GET /v1/lookup: ${ours.perSec.toFixed(0)} req/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms, errors ${ours.errors} (${Math.round(ours.bytesPerReq)} B/response); ratio ${(ours.perSec / baseline.perSec).toFixed(3)}\n`,
    );
    process.stdout.write(
      `  first pass, every path once (answers computed from the database): ${cold.perSec.toFixed(0)} req/s, p50 ${cold.p50} ms, p99 ${cold.p99} ms, errors ${cold.errors}\n`,
    );
    for (const s of sweep)
      process.stdout.write(`  ${s.connections} connections: ${s.perSec} req/s (p99 ${s.p99} ms); baseline ${s.baselinePerSec} req/s\n`);
    process.stdout.write(`memory: ${fmtRss(mem)}\n`);
    process.stdout.write(`goal ≥ 5000/s with p99 ≤ 10 ms: ${ours.perSec >= 5000 && ours.p99 <= 10 ? 'met' : 'NOT met'}\n`);
    emit({
      bench: 'lookup',
      values: VALUES,
      connections: CONNECTIONS,
      lookupsPerSec: Math.round(ours.perSec),
      p50Ms: ours.p50,
      p99Ms: ours.p99,
      baselinePerSec: Math.round(baseline.perSec),
      baselineP99Ms: baseline.p99,
      ratio: Number((ours.perSec / baseline.perSec).toFixed(3)),
      errors: ours.errors,
      coldPerSec: Math.round(cold.perSec),
      coldP99Ms: cold.p99,
      apiRssMb: mem.api?.peakMb,
      sweep,
    });
  } finally {
    await Promise.all([stop(api), stop(worker), stop(raw?.child)]);
    raw?.cleanup();
  }
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
