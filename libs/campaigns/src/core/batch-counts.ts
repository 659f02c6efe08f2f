import { pairsOf } from './cluster';

/** A report of the batch being clustered, with its accepted values. */
export interface BatchReport {
  fps: Set<string>;
  occurredAt: Date;
  jurisdiction: string | null;
  scamType: string | null;
  channel: string | null;
}

/** What a group of batches adds to the graph: each value's new reports, each pair's (with its oldest arrival, µs). */
export interface BatchCounts {
  degree: Map<string, number>;
  links: Map<string, { a: string; b: string; reports: number; us: number; tlpRank: number }>;
  /** The batches' reports with their values, for the figures of the groups they fall in. */
  reports: Map<string, BatchReport>;
}

interface LedgerRow extends Omit<BatchReport, 'fps'> {
  report: string;
  fingerprint: string;
  us: number;
  tlpRank: number;
}

/** Counts a batch's ledger rows: a value in n of its reports gains n, a pair of values in one report gains 1. */
export function countBatch(rows: LedgerRow[]): BatchCounts {
  const perReport = new Map<string, CountedReport>();
  for (const r of rows) {
    const e = perReport.get(r.report);
    if (e) e.fps.add(r.fingerprint);
    else perReport.set(r.report, { ...r, fps: new Set([r.fingerprint]) });
  }
  return countReports(perReport);
}

/** A report with its values, its arrival (epoch µs) and TLP rank, as the ledger is read one row per report. */
export type CountedReport = BatchReport & { us: number; tlpRank: number };

/** Counts reports already grouped with their values (see `countBatch`). */
export function countReports(perReport: Map<string, CountedReport>): BatchCounts {
  const out: BatchCounts = { degree: new Map(), links: new Map(), reports: perReport };
  for (const { fps, us, tlpRank } of perReport.values()) {
    for (const fp of fps) out.degree.set(fp, (out.degree.get(fp) ?? 0) + 1);
    for (const [a, b] of pairsOf(fps)) {
      const key = `${a}|${b}`;
      const l = out.links.get(key);
      if (!l) out.links.set(key, { a, b, reports: 1, us, tlpRank });
      else {
        l.reports++;
        l.us = Math.min(l.us, us);
        l.tlpRank = Math.min(l.tlpRank, tlpRank);
      }
    }
  }
  return out;
}

/** An instant in epoch microseconds as ISO 8601 with all six fractional digits (a JS Date holds milliseconds only). */
export function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return new Date(ms).toISOString().replace('Z', `${String(us - ms * 1000).padStart(3, '0')}Z`);
}
