import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reportersSql, windowedReportsSql } from '@scamintel/intake';
import { poolOf, query } from '@scamintel/persistence';
import { ReporterEvidence } from '@scamintel/policing-core';
import { Trust } from '@scamintel/vocabulary';
import { evidenceKey as key } from './evidence-sql';

export interface LocalEvidence {
  reporters: ReporterEvidence[];
  reportsInWindow: Record<number, { total: number; keyed: number }>;
  analystVerdict?: { verdict: 'scam' | 'legitimate'; at: Date; note?: string };
  lastSeen: Date | null;
}

/**
 * `fingerprint IN (SELECT unnest($1))` rather than `= ANY($1)`: with ~1000 fingerprints the planner prices the
 * ANY list as a filter and picks a (parallel) sequential scan of the whole table — tens of ms per page of the
 * exchange — while the semi-join over the unnested array probes the primary key once per fingerprint. Same rows.
 */
const IN_FINGERPRINTS = `IN (SELECT unnest($1::text[]))`;

/**
 * A timestamptz as the exact microseconds since the epoch (a float8 holds them exactly), made into the very
 * Date pg's own parser would give for its text: whole seconds, plus the fraction as `1000 * 0.ffffff`
 * truncated to a millisecond (postgres-date computes `1000 * parseFloat(".ffffff")`, then Date.UTC truncates).
 * Several times cheaper than parsing the text per row.
 */
const micros = (col: string, as: string) => `(extract(epoch FROM ${col}) * 1000000)::float8 AS ${as}`;
function dateOfMicros(us: number): Date {
  if (!Number.isFinite(us)) return us as unknown as Date; // ±infinity: postgres-date's answer is the number too
  const seconds = Math.floor(us / 1e6);
  return new Date(seconds * 1000 + Math.trunc(1000 * ((us - seconds * 1e6) / 1e6)));
}

/**
 * The text[] parameter exactly as pg would render the array (every element quoted, `\\` and `"` escaped),
 * built once for the three queries that take it instead of once per query.
 */
function textArray(values: string[]): string | string[] {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string') return values; // anything else: let pg render it as before
    out += `${i ? ',' : ''}"${/["\\]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : v}"`;
  }
  return `${out}}`;
}

/** Everything the verdict rules read, for many indicators at once (one query per kind of evidence). */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(fingerprints: string[], windows: number[]): Promise<Map<string, LocalEvidence>> {
    const out = new Map<string, LocalEvidence>();
    if (!fingerprints.length) return out;
    const pool = poolOf(this.db);
    const fps = textArray(fingerprints);
    const get = (fp: string, j: string) => {
      let e = out.get(key(fp, j));
      if (!e) out.set(key(fp, j), (e = { reporters: [], reportsInWindow: {}, lastSeen: null }));
      return e;
    };
    const [reporters, windowed, verdicts] = await Promise.all([
      query(
        pool,
        `SELECT fingerprint, jurisdiction, trust, reports, ${micros('last_seen', 'last_seen_us')}, ${micros('first_received', 'first_received_us')}
           FROM ${reportersSql(IN_FINGERPRINTS)} p`,
        [fps],
      ),
      windows.length
        ? query(pool, `SELECT fingerprint, jurisdiction, days, total, keyed FROM ${windowedReportsSql(IN_FINGERPRINTS, '$2::int[]')} w`, [
            fps,
            windows,
          ])
        : Promise.resolve({ rows: [] as Record<string, unknown>[] }),
      query(
        pool,
        `SELECT DISTINCT ON (fingerprint, jurisdiction) fingerprint, jurisdiction, verdict, note, created_at
           FROM indicator_verdicts WHERE fingerprint ${IN_FINGERPRINTS} ORDER BY fingerprint, jurisdiction, id DESC`,
        [fps],
      ),
    ]);
    for (const r of reporters.rows) {
      const e = get(r.fingerprint, r.jurisdiction);
      const lastSeen = dateOfMicros(r.last_seen_us);
      e.reporters.push({ trust: r.trust as Trust, reports: r.reports, lastSeen, firstReceived: dateOfMicros(r.first_received_us) });
      if (!e.lastSeen || lastSeen > e.lastSeen) e.lastSeen = lastSeen;
    }
    for (const r of windowed.rows) get(r.fingerprint, r.jurisdiction).reportsInWindow[r.days] = { total: r.total, keyed: r.keyed };
    for (const r of verdicts.rows)
      get(r.fingerprint, r.jurisdiction).analystVerdict = { verdict: r.verdict, at: r.created_at, note: r.note ?? undefined };
    return out;
  }
}

export { key as evidenceKey };
