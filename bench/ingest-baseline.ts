/**
 * The raw baseline of bench:ingest: plain `pg` writing exactly the rows the pipeline writes, into the real
 * (migrated) schema, from data normalised before the clock starts — reports and the intake outbox (what the API
 * writes), then per batch the new indicators, the report-indicator ledger, the report and outbox status, the
 * reporter aggregates, the per-jurisdiction aggregates and the indicators' first/last seen (what the worker writes),
 * in the same statements and transactions. The ratio of the two shows the framework's, queue's and normaliser's
 * overhead, not a different job.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { tryNormalize } from '@scamintel/indicators';
import { TLP_RANK, type Tlp } from '@scamintel/vocabulary';
import { runMigrations } from '@scamintel/persistence';
import { recreateDatabase } from './support';

export interface BenchReport {
  scamType: string;
  channel: string;
  occurredAt: string;
  tlp: string;
  loss?: { amount: string; currency: string };
  indicators: { value: string }[];
}

const k2 = (...a: string[]) => a.join('\u0000');
const sum = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
/** ISO timestamps of one zone compare as strings. */
function widen(x: { first: string; last: string }, at: string): void {
  if (at < x.first) x.first = at;
  if (at > x.last) x.last = at;
}

/** One batch's statements' parameters, as the pipeline would bind them (bench:campaigns seeds through it too). */
export function plan(slice: BenchReport[], reporterKey: string, jurisdiction: string) {
  const ids = slice.map(() => randomUUID());
  const ledger: unknown[][] = [[], [], [], [], [], [], [], [], []];
  const inds = new Map<string, { type: string; value: string; attrs: string; first: string; last: string }>();
  const stats = new Map<
    string,
    {
      fp: string;
      n: number;
      first: string;
      last: string;
      scam: Record<string, number>;
      ch: Record<string, number>;
      loss: Record<string, number>;
      tlp: number;
    }
  >();
  const reporters = new Map<string, { fp: string; n: number; first: string; last: string }>();
  slice.forEach((r, i) => {
    const seen = new Set<string>();
    r.indicators.forEach((x, ordinal) => {
      const n = tryNormalize(x.value, { region: jurisdiction });
      const row = n.ok
        ? [ids[i], ordinal, x.value, 'submitted', n.indicator.type, n.indicator.value, n.indicator.fingerprint, 'accepted', null]
        : [ids[i], ordinal, x.value, 'submitted', null, null, null, 'rejected', n.reason];
      row.forEach((v, c) => ledger[c].push(v));
      if (!n.ok || seen.has(n.indicator.fingerprint)) return;
      const fp = n.indicator.fingerprint;
      seen.add(fp);
      const ind = inds.get(fp);
      if (!ind)
        inds.set(fp, {
          type: n.indicator.type,
          value: n.indicator.value,
          attrs: JSON.stringify(n.indicator.attributes ?? {}),
          first: r.occurredAt,
          last: r.occurredAt,
        });
      else widen(ind, r.occurredAt);
      let s = stats.get(fp);
      if (!s) stats.set(fp, (s = { fp, n: 0, first: r.occurredAt, last: r.occurredAt, scam: {}, ch: {}, loss: {}, tlp: 9 }));
      s.n++;
      if (r.occurredAt < s.first) s.first = r.occurredAt;
      if (r.occurredAt > s.last) s.last = r.occurredAt;
      sum(s.scam, r.scamType);
      sum(s.ch, r.channel);
      if (r.loss) s.loss[r.loss.currency] = (s.loss[r.loss.currency] ?? 0) + Number(r.loss.amount);
      s.tlp = Math.min(s.tlp, TLP_RANK[r.tlp as Tlp]);
      const rk = k2(fp, reporterKey);
      const p = reporters.get(rk);
      if (!p) reporters.set(rk, { fp, n: 1, first: r.occurredAt, last: r.occurredAt });
      else {
        p.n++;
        widen(p, r.occurredAt);
      }
    });
  });
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const st = sorted(stats);
  const rp = sorted(reporters);
  const ind = [...inds.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    reports: [
      ids,
      slice.map(() => reporterKey),
      slice.map((r) => r.scamType),
      slice.map((r) => r.channel),
      slice.map((r) => r.occurredAt),
      slice.map((r) => r.loss?.amount ?? null),
      slice.map((r) => r.loss?.currency ?? null),
      slice.map((r) => r.tlp),
      slice.map((r) => JSON.stringify(r.indicators)),
    ],
    ids,
    ledger,
    indicators: [
      ind.map(([f]) => f),
      ind.map(([, v]) => v.type),
      ind.map(([, v]) => v.value),
      ind.map(([, v]) => v.attrs),
      ind.map(() => null),
      ind.map(([, v]) => v.first),
      ind.map(([, v]) => v.last),
    ],
    stats: [
      st.map((s) => s.fp),
      st.map(() => jurisdiction),
      st.map((s) => s.n),
      st.map((s) => s.first),
      st.map((s) => s.last),
      st.map((s) => JSON.stringify(s.scam)),
      st.map((s) => JSON.stringify(s.ch)),
      st.map((s) => JSON.stringify(Object.fromEntries(Object.entries(s.loss).map(([c, v]) => [c, v.toFixed(2)])))),
      st.map((s) => s.tlp),
    ],
    reporters: [
      rp.map((r) => r.fp),
      rp.map(() => jurisdiction),
      rp.map(() => reporterKey),
      rp.map(() => 'medium'),
      rp.map((r) => r.n),
      rp.map((r) => r.first),
      rp.map((r) => r.last),
    ],
  };
}

const INDICATORS = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::timestamptz[])`;

/** One batch's writes, as the API and then the worker commit them. */
export async function write(c: Client, b: ReturnType<typeof plan>): Promise<void> {
  // What the API writes: the reports and their outbox entry, in one transaction.
  await c.query('BEGIN');
  await c.query(
    `INSERT INTO reports (id, reporter_key, reporter_trust, jurisdiction, scam_type, channel, occurred_at, loss_amount, loss_currency, tlp, indicators)
     SELECT id, rk, 'medium', 'SG', st, ch, at, la, lc, tlp, ind FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[], $8::text[], $9::jsonb[])
       AS t(id, rk, st, ch, at, la, lc, tlp, ind)`,
    b.reports,
  );
  const { rows } = await c.query(`INSERT INTO intake_outbox (report_ids) VALUES ($1) RETURNING id::text`, [b.ids]);
  await c.query('COMMIT');
  // What the worker writes for the batch.
  await c.query(
    `INSERT INTO indicators (fingerprint, type, value, attributes, warninglist, first_seen, last_seen) ${INDICATORS} ON CONFLICT (fingerprint) DO NOTHING`,
    b.indicators,
  );
  await c.query('BEGIN');
  await c.query(
    `INSERT INTO report_indicators (report_id, ordinal, raw, source, type, value, fingerprint, status, reason)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
     ON CONFLICT (report_id, ordinal) DO NOTHING RETURNING report_id, ordinal, fingerprint, status`,
    b.ledger,
  );
  await c.query(`UPDATE reports SET status = 'processed', processed_at = now() WHERE id = ANY($1::uuid[]) AND status = 'received'`, [
    b.ids,
  ]);
  await c.query(`UPDATE intake_outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [rows[0].id]);
  await c.query(
    `INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[])
     ON CONFLICT (fingerprint, jurisdiction, reporter_key) DO UPDATE SET reports = indicator_reporters.reports + excluded.reports,
       first_seen = LEAST(indicator_reporters.first_seen, excluded.first_seen), last_seen = GREATEST(indicator_reporters.last_seen, excluded.last_seen)`,
    b.reporters,
  );
  await c.query(
    `INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::smallint[])
     ON CONFLICT (fingerprint, jurisdiction) DO UPDATE SET reports = indicator_stats.reports + excluded.reports,
       first_seen = LEAST(indicator_stats.first_seen, excluded.first_seen), last_seen = GREATEST(indicator_stats.last_seen, excluded.last_seen),
       scam_types = jsonb_sum_merge(indicator_stats.scam_types, excluded.scam_types), channels = jsonb_sum_merge(indicator_stats.channels, excluded.channels),
       losses = jsonb_sum_merge_decimal(indicator_stats.losses, excluded.losses), tlp_rank = LEAST(indicator_stats.tlp_rank, excluded.tlp_rank), updated_at = now()`,
    b.stats,
  );
  await c.query('COMMIT');
  await c.query(
    `INSERT INTO indicators (fingerprint, type, value, attributes, warninglist, first_seen, last_seen) ${INDICATORS}
     ON CONFLICT (fingerprint) DO UPDATE SET first_seen = LEAST(indicators.first_seen, excluded.first_seen),
       last_seen = GREATEST(indicators.last_seen, excluded.last_seen), warninglist = excluded.warninglist, updated_at = now()`,
    b.indicators,
  );
}

/** Same writes, `clients` connections (the worker's concurrency), batches of `batch` reports from `reporters` keys. */
export async function sameWritesBaseline(reports: BenchReport[], batch: number, clients: number, reporters: number) {
  const url = await recreateDatabase('scamintel_bench_baseline');
  await runMigrations(url);
  const batches: ReturnType<typeof plan>[] = [];
  for (let i = 0; i < reports.length; i += batch)
    batches.push(plan(reports.slice(i, i + batch), `org:bank-${(i / batch) % reporters}`, 'SG'));
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c) => {
      while (next < batches.length) await write(c, batches[next++]);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  return { seconds, reportsPerSec: reports.length / seconds };
}
