/**
 * bench:sync — 100,000 indicators from a Singapore node to a Korea node through the real exchange path: two
 * nodes on this machine (two databases, one Redis with separate queue prefixes), each an API process and a
 * worker process from dist/. SG's indicators are seeded directly with SQL (fast); what is timed is the push:
 * from `POST /v1/admin/partners/kr-bench/sync` until SG's cursor has passed everything — SG's worker reads and
 * judges each batch, builds the STIX bundle, signs it (RFC 9421, Content-Digest, audit head), KR's API verifies
 * signature, key, clock and nonce, reads the STIX, checks its policy, upserts partner_sightings, logs and signs
 * a receipt, and SG checks the receipt before its cursor moves.
 *
 * Then KR's rows are compared with SG's (nothing lost, no count off), and the baseline — measured in the same
 * run on the same machine — upserts the same rows into a scratch table with plain `pg` multi-row statements.
 * Usage: node dist/bench/sync.js [indicators=100000]   (or BENCH_SYNC_INDICATORS)
 */
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { emit, fmtRss, freePort, migrate, recreateDatabase, sampleRss, size, spawnApp, waitHttp } from './support';
import { Row, api, baseline, cpuTimes, seed } from './sync-support';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';

const N = size('SYNC_INDICATORS', Number(process.argv[2] ?? 100_000));
/**
 * Indicators per signed batch (EXCHANGE_BATCH_SIZE). A batch of 1000 indicators is one bundle of ~3000 STIX objects
 * (an SCO, an indicator and a sighting each) plus the sender identity, extension definitions and TLP markings.
 */
const BATCH = Number(process.env.BENCH_BATCH_SIZE ?? 1000);
const log = (m: string) => process.stderr.write(`[bench:sync] ${m}\n`);

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamintel-bench-sync-'));
  try {
    const [sgDb, krDb] = await Promise.all([recreateDatabase('scamintel_bench_sync_sg'), recreateDatabase('scamintel_bench_sync_kr')]);
    await migrate(sgDb);
    await migrate(krDb);
    log(`seeding ${N} indicators at SG with SQL`);
    await seed(sgDb, N);

    const run = randomBytes(4).toString('hex');
    const nodes = await Promise.all(
      [
        { nodeId: 'sg-bench', jurisdiction: 'SG', db: sgDb },
        { nodeId: 'kr-bench', jurisdiction: 'KR', db: krDb },
      ].map(async (n) => ({ ...n, port: await freePort(), admin: randomBytes(24).toString('base64url') })),
    );
    for (const n of nodes) {
      const env = {
        DATABASE_URL: n.db,
        PORT: String(n.port),
        BOOTSTRAP_ADMIN_KEY: n.admin,
        NODE_ID: n.nodeId,
        JURISDICTION: n.jurisdiction,
        QUEUE_PREFIX: `bench-sync-${run}-${n.nodeId}`,
        DATA_DIR: path.join(dataDir, n.nodeId),
        LOG_LEVEL: 'warn',
        EXCHANGE_PUSH_INTERVAL_MS: '3600000',
        EXCHANGE_BATCH_SIZE: String(BATCH),
      };
      children.push(spawnApp('api', env), spawnApp('worker', env));
    }
    const [sg, kr] = nodes.map((n) => ({ ...n, base: `http://127.0.0.1:${n.port}` }));
    await Promise.all([waitHttp(`${sg.base}/health/live`), waitHttp(`${kr.base}/health/live`)]);

    const policy = {
      maxTlp: 'amber',
      types: [...INDICATOR_TYPES],
      minConfidence: 0,
      pseudonymise: [],
      shareNarrative: false,
    };
    for (const [self, other] of [
      [sg, kr],
      [kr, sg],
    ]) {
      const id = await (await fetch(`${other.base}/v1/exchange/identity`)).json();
      await api(self.base, self.admin, 'POST', '/v1/admin/partners', {
        nodeId: id.nodeId,
        jurisdiction: id.jurisdiction,
        baseUrl: other.base,
        publicKey: id.publicKey,
        policy,
      });
    }

    const sgSql = new Client({ connectionString: sgDb });
    const krSql = new Client({ connectionString: krDb });
    await sgSql.connect();
    await krSql.connect();

    log(`pushing ${N} indicators SG → KR (signed STIX batches of ${BATCH} indicators)`);
    const rss = sampleRss({
      'sender api': children[0],
      'sender worker': children[1],
      'receiver api': children[2],
      'receiver worker': children[3],
    });
    const cpuBefore = cpuTimes(children);
    const started = process.hrtime.bigint();
    await api(sg.base, sg.admin, 'POST', '/v1/admin/partners/kr-bench/sync');
    let state: { sent: number; error: string | null } = { sent: 0, error: null };
    for (;;) {
      const { rows } = await sgSql.query(
        `SELECT indicators_sent::int AS sent, last_error AS error, (after_at, after_fingerprint) = (SELECT updated_at, fingerprint FROM indicators ORDER BY updated_at DESC, fingerprint DESC LIMIT 1) AS done
           FROM exchange_cursors WHERE partner_node_id = 'kr-bench'`,
      );
      state = rows[0];
      if (rows[0].done) break;
      if (Number(process.hrtime.bigint() - started) / 1e9 > 600)
        throw new Error(`push did not finish in 10 min (sent ${state.sent}, last error ${state.error})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mem = rss.stop();
    const cpuAfter = cpuTimes(children);
    let cpuMsPer1000: Record<string, number> | undefined;
    if (cpuBefore && cpuAfter) {
      const used = Object.fromEntries(
        Object.keys(cpuAfter).map((k) => [k, `${(((cpuAfter[k] - (cpuBefore[k] ?? 0)) / seconds) * 100).toFixed(0)}%`]),
      );
      log(`CPU during the push (100% = one core): ${JSON.stringify(used)}`);
      const perK = Object.fromEntries(
        Object.keys(cpuAfter).map((k) => [k, Math.round(((cpuAfter[k] - (cpuBefore[k] ?? 0)) * 1000) / (N / 1000))]),
      );
      log(`CPU ms per 1000 indicators: ${JSON.stringify(perK)} (all: ${Object.values(perK).reduce((a, b) => a + b, 0)})`);
      cpuMsPer1000 = perK;
    }
    const {
      rows: [batches],
    } = await sgSql.query(`SELECT batches::int AS n FROM exchange_cursors WHERE partner_node_id = 'kr-bench'`);

    // Nothing lost, nothing counted twice: KR holds exactly SG's rows with SG's counts.
    const { rows: local } = await sgSql.query(
      `SELECT i.fingerprint, i.type, i.value, s.reports, s.first_seen AS first, s.last_seen AS last, (ARRAY['clear','green','amber'])[s.tlp_rank + 1] AS tlp,
              (SELECT jsonb_agg(k) FROM jsonb_object_keys(s.scam_types) k)::text AS "scamTypes", i.attributes::text AS attributes, i.updated_at AS modified
         FROM indicators i JOIN indicator_stats s ON s.fingerprint = i.fingerprint AND s.jurisdiction = 'SG'`,
    );
    const { rows: received } = await krSql.query(
      `SELECT fingerprint, value, sightings FROM partner_sightings WHERE source_node = 'sg-bench'`,
    );
    const got = new Map(received.map((r) => [r.fingerprint, r]));
    let lost = 0;
    let doubleCounted = 0;
    for (const r of local as Row[]) {
      const k = got.get(r.fingerprint);
      if (!k || k.value !== r.value) lost++;
      else if (k.sightings !== r.reports) doubleCounted++;
    }
    doubleCounted += Math.max(0, received.length - local.length);
    const {
      rows: [audit],
    } = await krSql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.received'`);
    const {
      rows: [verify],
    } = await sgSql.query(`SELECT count(*)::int AS n FROM audit_witnessed_heads WHERE partner_node_id = 'kr-bench'`);
    await sgSql.end();

    log('baseline: the same rows with plain pg multi-row upserts');
    const baselinePerSec = await baseline(krDb, local as Row[]);
    await krSql.end();

    const indicatorsPerSec = N / seconds;
    const ratio = indicatorsPerSec / baselinePerSec;
    console.log(
      `exchange push SG → KR: ${N} indicators in ${seconds.toFixed(2)} s over ${batches.n} signed batches = ${Math.round(indicatorsPerSec)} indicators/s`,
    );
    console.log(`  KR audit: ${audit.n} exchange.received entries; SG holds ${verify.n} receiver-signed witnessed heads`);
    console.log(`baseline (plain pg multi-row upsert of the same rows, batches of 1000): ${Math.round(baselinePerSec)} rows/s`);
    console.log(
      `ratio ${ratio.toFixed(3)}; lost ${lost}, double-counted ${doubleCounted}; goal ≥ 20000 indicators/s: ${indicatorsPerSec >= 20_000 ? 'met' : 'NOT met'}`,
    );
    console.log(`memory: ${fmtRss(mem)}`);
    emit({
      bench: 'sync',
      indicators: N,
      indicatorsPerSec: Math.round(indicatorsPerSec),
      baselinePerSec: Math.round(baselinePerSec),
      ratio: Number(ratio.toFixed(4)),
      lost,
      doubleCounted,
      senderWorkerRssMb: mem['sender worker']?.peakMb,
      receiverApiRssMb: mem['receiver api']?.peakMb,
      cpuMsPer1000,
    });
    if (lost || doubleCounted) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
