/**
 * bench:campaigns (CONTRACT §10, issue 13): BENCH_REPORTS reports (default 1,000,000) × 3 values, shaped like
 * campaigns (five reports per operation sharing two values, one value of their own, a popular hub in 1 % of them).
 * Measured in the same run: the ingest writes alone (reports, ledger rows, outbox — plain multi-row SQL, the raw
 * baseline of what ingest commits) and then the incremental clustering of exactly those batches, as the worker does
 * it (20 outbox batches per transaction); the ratio is the share of ingest throughput clustering costs. Then
 * `campaigns:rebuild` over everything, checked equal to the incremental result.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GraphRepository, GroupsWriter, RebuildRepository } from '@scamintel/campaigns';
import { dataSourceOptions, runMigrations } from '@scamintel/persistence';
import { emit, recreateDatabase, size } from './support';

const REPORTS = size('REPORTS', 1_000_000);
const BATCH = 1000;
const HUB_AT = 25;
const fp = (s: string) => createHash('sha256').update(s).digest('hex');

function batchOf(start: number): { ids: string[]; rows: { report: string; ordinal: number; fp: string }[] } {
  const ids: string[] = [];
  const rows: { report: string; ordinal: number; fp: string }[] = [];
  for (let i = start; i < Math.min(start + BATCH, REPORTS); i++) {
    const id = randomUUID();
    ids.push(id);
    const c = Math.floor(i / 5);
    const values = [`c${c}-recruiter`, i % 100 === 0 ? 'hub-marketplace' : `c${c}-wallet${i % 2}`, `r${i}-phone`];
    values.forEach((v, ordinal) => rows.push({ report: id, ordinal, fp: fp(v) }));
  }
  return { ids, rows };
}

async function state(db: DataSource): Promise<string> {
  const nodes = await db.query(
    `SELECT md5(string_agg(fingerprint || ':' || coalesce(component::text, '-'), ',' ORDER BY fingerprint)) AS h FROM campaign_nodes`,
  );
  const live = await db.query(`SELECT count(*)::int AS n, coalesce(sum(reports), 0)::int AS r FROM campaigns WHERE live`);
  return `${nodes[0].h}/${live[0].n}/${live[0].r}`;
}

async function main(): Promise<void> {
  const url = await recreateDatabase('scamintel_bench_campaigns');
  await runMigrations(url);
  const db = new DataSource(dataSourceOptions({ databaseUrl: url, poolSize: 4 }));
  await db.initialize();
  const groups = new GroupsWriter();
  const graph = new GraphRepository(db, groups);
  const rebuild = new RebuildRepository(db, groups);

  const outboxes: string[] = [];
  let ingestMs = 0;
  for (let start = 0; start < REPORTS; start += BATCH) {
    const { ids, rows } = batchOf(start);
    const t = performance.now();
    await db.transaction(async (m) => {
      await m.query(
        `INSERT INTO reports (id, reporter_key, reporter_trust, jurisdiction, scam_type, channel, occurred_at, tlp, indicators, status, processed_at)
         SELECT id, 'bench', 'high', 'SG', 'job', 'telegram', now(), 'amber', '[]', 'processed', now() FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      await m.query(
        `INSERT INTO report_indicators (report_id, ordinal, raw, source, type, value, fingerprint, status)
         SELECT r, o, f, 'submitted', 'domain', f, f, 'accepted' FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(r, o, f)`,
        [rows.map((r) => r.report), rows.map((r) => r.ordinal), rows.map((r) => r.fp)],
      );
      const [{ id }] = await m.query(`INSERT INTO intake_outbox (report_ids, processed_at) VALUES ($1, now()) RETURNING id::text`, [ids]);
      outboxes.push(id);
    });
    ingestMs += performance.now() - t;
  }

  let clusterMs = 0;
  for (let i = 0; i < outboxes.length; i += 20) {
    const t = performance.now();
    await graph.applyBatches(outboxes.slice(i, i + 20), HUB_AT);
    clusterMs += performance.now() - t;
  }
  const incremental = await state(db);
  const t = performance.now();
  const rebuilt = await rebuild.rebuild(HUB_AT);
  const rebuildMs = performance.now() - t;
  const same = (await state(db)) === incremental;

  const off = REPORTS / (ingestMs / 1000);
  const on = REPORTS / ((ingestMs + clusterMs) / 1000);
  process.stdout.write(
    `campaigns: ${REPORTS} reports × 3 values\n` +
      `  ingest writes alone        ${off.toFixed(0)} reports/s (${(ingestMs / 1000).toFixed(1)} s)\n` +
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
