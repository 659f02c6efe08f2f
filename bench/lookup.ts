/**
 * bench:lookup — public lookups/s against a real API process whose database holds 20,000 indicators with
 * sightings, from 16 concurrent keep-alive connections; in the same run, the same client against a bare
 * Fastify route that answers a constant JSON body (the raw baseline), and the ratio.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Client } from 'pg';
import { runMigrations } from '@scamintel/persistence';
import { freePort, recreateDatabase, spawnApp, timedLoops, waitHttp } from './support';
import { fingerprint } from '@scamintel/vocabulary';

const SECONDS = Number(process.argv[2] ?? 10);
const CONCURRENCY = 16;
const INDICATORS = 20_000;

async function load(urls: string[]): Promise<{ perSec: number; p50: number; p99: number; errors: number }> {
  let errors = 0;
  const r = await timedLoops(CONCURRENCY, SECONDS, async (i) => {
    const res = await fetch(urls[i % urls.length]);
    await res.arrayBuffer();
    if (res.status !== 200) errors++;
  });
  return { ...r, errors };
}

async function seed(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const values = Array.from({ length: INDICATORS }, (_, k) => `+65${90_000_000 + k * 37}`);
  const fps = values.map((v) => fingerprint('phone', v));
  await c.query(
    `INSERT INTO indicators (fingerprint, type, value, attributes, first_seen, last_seen) SELECT f, 'phone', v, '{}', now() - interval '10 days', now() FROM unnest($1::text[], $2::text[]) AS t(f, v)`,
    [fps, values],
  );
  await c.query(
    `INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, tlp_rank) SELECT f, 'SG', 1 + (n % 7), now() - interval '10 days', now(), '{"phishing": 1}', 0 FROM unnest($1::text[]) WITH ORDINALITY AS t(f, n)`,
    [fps],
  );
  await c.query(
    `INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen) SELECT f, 'SG', 'org:r' || (n % 5), 'medium', 1, now() - interval '10 days', now() FROM unnest($1::text[]) WITH ORDINALITY AS t(f, n)`,
    [fps],
  );
  await c.end();
  return values;
}

async function main() {
  const url = await recreateDatabase('scamintel_bench_lookup');
  await runMigrations(url);
  const values = await seed(url);
  const port = await freePort();
  const api = spawnApp('api', {
    DATABASE_URL: url,
    PORT: String(port),
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    LOOKUP_LIMIT: '100000000',
    NODE_ID: 'sg-bench',
    JURISDICTION: 'SG',
  });
  const bare = Fastify();
  const body = { query: 'x', indicator: null, verdict: 'unknown', reports: 0 };
  bare.get('/v1/lookup', async () => body);
  const barePort = await freePort();
  await bare.listen({ port: barePort, host: '127.0.0.1' });
  try {
    await waitHttp(`http://127.0.0.1:${port}/health/live`);
    const urls = values.map((v) => `http://127.0.0.1:${port}/v1/lookup?q=${encodeURIComponent(v)}`);
    await load(urls.slice(0, 500)); // warm-up
    const base = await load([`http://127.0.0.1:${barePort}/v1/lookup?q=1`]);
    process.stdout.write(
      `baseline (bare Fastify route, same client): ${base.perSec.toFixed(0)} req/s, p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms\n`,
    );
    const ours = await load(urls);
    process.stdout.write(
      `scamintel GET /v1/lookup (normalise, indicator, stats, evidence, verdict): ${ours.perSec.toFixed(0)} req/s, p50 ${ours.p50.toFixed(1)} ms, p99 ${ours.p99.toFixed(1)} ms, errors ${ours.errors}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'lookup', lookupsPerSec: Math.round(ours.perSec), baselinePerSec: Math.round(base.perSec), ratio: Number((ours.perSec / base.perSec).toFixed(3)), p50Ms: Number(ours.p50.toFixed(1)), p99Ms: Number(ours.p99.toFixed(1)), errors: ours.errors })}\n`,
    );
  } finally {
    api.kill('SIGTERM');
    await bare.close();
  }
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
