import { TLP_RANK, type SightingTotals, type Tlp, addDecimal } from '@scamintel/vocabulary';

/** A report as the ingest step reads it. */
export interface ReportToIngest {
  id: string;
  jurisdiction: string;
  reporterKey: string;
  reporterTrust: string;
  scamType: string;
  channel: string;
  occurredAt: Date;
  lossAmount: string | null;
  lossCurrency: string | null;
  tlp: Tlp;
}

/** One indicator position of a report after normalisation (accepted, warninglisted or rejected). */
export interface ReportIndicatorRow {
  reportId: string;
  ordinal: number;
  raw: string;
  source: 'submitted' | 'narrative';
  type: string | null;
  value: string | null;
  fingerprint: string | null;
  status: 'accepted' | 'rejected' | 'warninglisted';
  reason: string | null;
  attributes?: Record<string, unknown>;
  warninglist?: string | null;
}

export interface StatDelta extends SightingTotals {
  fingerprint: string;
  jurisdiction: string;
}

export interface ReporterDelta {
  fingerprint: string;
  jurisdiction: string;
  reporterKey: string;
  trust: string;
  reports: number;
  firstSeen: Date;
  lastSeen: Date;
}

const key2 = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * Turns the report-indicator rows that were newly written (the database said so through RETURNING) into the
 * increments of the per-jurisdiction aggregates. Only new rows count, and an indicator repeated inside one report
 * counts once: that is what makes a re-processed job or two racing workers count each sighting exactly once.
 * Output is sorted by key so concurrent transactions lock rows in the same order and cannot deadlock.
 */
export function planDeltas(
  newRows: Pick<ReportIndicatorRow, 'reportId' | 'fingerprint' | 'status'>[],
  reports: Map<string, ReportToIngest>,
): { stats: StatDelta[]; reporters: ReporterDelta[] } {
  const stats = new Map<string, StatDelta>();
  const reporters = new Map<string, ReporterDelta>();
  const seen = new Set<string>();
  for (const row of newRows) {
    if (!row.fingerprint || row.status === 'rejected') continue;
    const dedupe = key2(row.reportId, row.fingerprint);
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const r = reports.get(row.reportId);
    if (!r) continue;
    const sk = key2(row.fingerprint, r.jurisdiction);
    let s = stats.get(sk);
    if (!s) {
      s = {
        fingerprint: row.fingerprint,
        jurisdiction: r.jurisdiction,
        reports: 0,
        firstSeen: r.occurredAt,
        lastSeen: r.occurredAt,
        scamTypes: {},
        channels: {},
        losses: {},
        tlpRank: TLP_RANK[r.tlp],
      };
      stats.set(sk, s);
    }
    s.reports += 1;
    if (r.occurredAt < s.firstSeen) s.firstSeen = r.occurredAt;
    if (r.occurredAt > s.lastSeen) s.lastSeen = r.occurredAt;
    s.scamTypes[r.scamType] = (s.scamTypes[r.scamType] ?? 0) + 1;
    s.channels[r.channel] = (s.channels[r.channel] ?? 0) + 1;
    if (r.lossAmount && r.lossCurrency) s.losses[r.lossCurrency] = addDecimal(s.losses[r.lossCurrency] ?? '0', r.lossAmount);
    s.tlpRank = Math.min(s.tlpRank, TLP_RANK[r.tlp]);

    const rk = `${sk}\u0000${r.reporterKey}`;
    let p = reporters.get(rk);
    if (!p) {
      p = {
        fingerprint: row.fingerprint,
        jurisdiction: r.jurisdiction,
        reporterKey: r.reporterKey,
        trust: r.reporterTrust,
        reports: 0,
        firstSeen: r.occurredAt,
        lastSeen: r.occurredAt,
      };
      reporters.set(rk, p);
    }
    p.reports += 1;
    if (r.occurredAt < p.firstSeen) p.firstSeen = r.occurredAt;
    if (r.occurredAt > p.lastSeen) p.lastSeen = r.occurredAt;
  }
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { stats: byKey(stats), reporters: byKey(reporters) };
}
