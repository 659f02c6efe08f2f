import { reportersSql, windowedReportsSql } from '@scamintel/intake';
import type { Trust } from '@scamintel/vocabulary';
import type { LocalEvidence } from './evidence.repository';

/*
 * The verdict evidence as three scalar subqueries that each return one JSON array, for a reader that needs the
 * evidence of many indicators inside its own statement (lookup and batch check: one round trip for the whole
 * batch). The SQL over this lib's tables stays here, intake's sighting tables come as its fragments; the caller
 * only places the columns in its SELECT list.
 * Timestamps travel as epoch milliseconds (numbers), which are cheaper to read than timestamp text.
 */

/** `fps`: an SQL expression of type text[] (the fingerprints); `windows`: one of type int[] (the rules' window lengths). */
export function evidenceColumns(fps: string, windows: string): string {
  const within = `IN (SELECT unnest(${fps}))`;
  return `
    (SELECT coalesce(json_agg(x), '[]'::json) FROM (
       SELECT fingerprint AS f, jurisdiction AS j, trust AS t, reports AS n,
              (extract(epoch FROM last_seen) * 1000)::float8 AS l, (extract(epoch FROM first_received) * 1000)::float8 AS r
         FROM ${reportersSql(within)} p) x) AS ev_reporters,
    (SELECT coalesce(json_agg(x), '[]'::json) FROM (
       SELECT fingerprint AS f, jurisdiction AS j, days AS d, total, keyed FROM ${windowedReportsSql(within, windows)} w) x) AS ev_windowed,
    (SELECT coalesce(json_agg(x), '[]'::json) FROM (
       SELECT DISTINCT ON (fingerprint, jurisdiction) fingerprint AS f, jurisdiction AS j, verdict AS v, note,
              (extract(epoch FROM created_at) * 1000)::float8 AS at
         FROM indicator_verdicts WHERE fingerprint ${within} ORDER BY fingerprint, jurisdiction, id DESC) x) AS ev_verdicts`;
}

interface EvidenceJson {
  ev_reporters: { f: string; j: string; t: Trust; n: number; l: number; r: number }[];
  ev_windowed: { f: string; j: string; d: number; total: number; keyed: number }[];
  ev_verdicts: { f: string; j: string; v: 'scam' | 'legitimate'; note: string | null; at: number }[];
}

export const evidenceKey = (fp: string, j: string) => `${fp}\u0000${j}`;

/** The evidence read by evidenceColumns, keyed by evidenceKey(fingerprint, jurisdiction). */
export function evidenceFromColumns(row: EvidenceJson): Map<string, LocalEvidence> {
  const out = new Map<string, LocalEvidence>();
  const get = (fp: string, j: string) => {
    let e = out.get(evidenceKey(fp, j));
    if (!e) out.set(evidenceKey(fp, j), (e = { reporters: [], reportsInWindow: {}, lastSeen: null }));
    return e;
  };
  for (const r of row.ev_reporters) {
    const e = get(r.f, r.j);
    const lastSeen = new Date(Math.trunc(r.l));
    e.reporters.push({ trust: r.t, reports: r.n, lastSeen, firstReceived: new Date(Math.trunc(r.r)) });
    if (!e.lastSeen || lastSeen > e.lastSeen) e.lastSeen = lastSeen;
  }
  for (const w of row.ev_windowed) get(w.f, w.j).reportsInWindow[w.d] = { total: w.total, keyed: w.keyed };
  for (const v of row.ev_verdicts)
    get(v.f, v.j).analystVerdict = { verdict: v.v, at: new Date(Math.trunc(v.at)), note: v.note ?? undefined };
  return out;
}
