import { type LocalEvidence, evidenceKey } from '@scamintel/policing';
import type { Trust } from '@scamintel/vocabulary';
import type { JurisdictionStats, LookupCampaignRef, PartnerSighting } from './lookup.repository';

const DAY = 86_400_000;

/** One jurisdiction of a verdict_inputs row, as the migration 1764300017200 writes it (timestamps are numbers). */
export interface StoredJurisdiction {
  j: string;
  s: {
    reports: number;
    firstSeen: string;
    lastSeen: string;
    scamTypes: Record<string, number>;
    channels: Record<string, number>;
    losses: Record<string, string>;
    tlpRank: number;
  } | null;
  /** [trust, reports, lastSeen ms, firstReceived ms] per distinct reporter. */
  rep: [Trust, number, number, number][];
  /** occurred_at (µs) of the counted reports, newest first: all of them, and those of keyed reporters. */
  occ: number[];
  keyed: number[];
  v: { v: 'scam' | 'legitimate'; note: string | null; at: number } | null;
}

export interface VerdictInputsRow {
  fingerprint: string;
  type: string | null;
  value: string | null;
  warninglist: string | null;
  local: StoredJurisdiction[] | null;
  partners:
    (Omit<PartnerSighting, 'firstSeen' | 'lastSeen' | 'receivedAt'> & { firstSeen: string; lastSeen: string; receivedAt: string })[] | null;
  campaign: LookupCampaignRef | null;
}

/** What one fingerprint's row gives a lookup, with the clock applied: the same shapes the evidence read produced. */
export interface FingerprintInputs {
  warninglist: string | null;
  stats: JurisdictionStats[];
  partners: PartnerSighting[];
  /** Keyed by evidenceKey(fingerprint, jurisdiction), as VerdictService.decideAcrossWith reads it. */
  evidence: Map<string, LocalEvidence>;
  campaign?: LookupCampaignRef;
}

/** How many of `desc` (sorted newest first) are later than `since`: a binary search. */
export function countAfter(desc: number[], since: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid] > since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The evidence of one jurisdiction at `now`: reports per rule window counted from the stored occurrence times
 * (a window with none is left out, as the SQL count left it out), lastSeen the latest reporter's.
 */
export function evidenceAt(s: StoredJurisdiction, windows: number[], now: Date): LocalEvidence {
  const reporters = s.rep.map(([trust, reports, l, r]) => ({
    trust,
    reports,
    lastSeen: new Date(Math.trunc(l)),
    firstReceived: new Date(Math.trunc(r)),
  }));
  let lastSeen: Date | null = null;
  for (const r of reporters) if (!lastSeen || r.lastSeen > lastSeen) lastSeen = r.lastSeen;
  const reportsInWindow: LocalEvidence['reportsInWindow'] = {};
  for (const days of windows) {
    const since = (now.getTime() - days * DAY) * 1000;
    const total = countAfter(s.occ, since);
    if (total) reportsInWindow[days] = { total, keyed: countAfter(s.keyed, since) };
  }
  return {
    reporters,
    reportsInWindow,
    lastSeen,
    ...(s.v ? { analystVerdict: { verdict: s.v.v, at: new Date(Math.trunc(s.v.at)), note: s.v.note ?? undefined } } : {}),
  };
}

/** A stored row made into the lookup's inputs at `now`; `recentDays` is the window of the recent-reporter count. */
export function inputsOf(row: VerdictInputsRow, windows: number[], recentDays: number, now: Date): FingerprintInputs {
  const evidence = new Map<string, LocalEvidence>();
  const stats: JurisdictionStats[] = [];
  const recentSince = now.getTime() - recentDays * DAY;
  for (const s of row.local ?? []) {
    const e = evidenceAt(s, windows, now);
    evidence.set(evidenceKey(row.fingerprint, s.j), e);
    if (s.s)
      stats.push({
        jurisdiction: s.j,
        reports: s.s.reports,
        firstSeen: new Date(s.s.firstSeen),
        lastSeen: new Date(s.s.lastSeen),
        scamTypes: s.s.scamTypes,
        channels: s.s.channels,
        losses: s.s.losses,
        tlpRank: s.s.tlpRank,
        reporters: e.reporters.length,
        recentReporters: e.reporters.filter((r) => r.lastSeen.getTime() > recentSince).length,
        highTrustReporters: e.reporters.filter((r) => r.trust === 'high').length,
      });
  }
  return {
    warninglist: row.warninglist,
    stats,
    partners: (row.partners ?? []).map((p) => ({
      ...p,
      firstSeen: new Date(p.firstSeen),
      lastSeen: new Date(p.lastSeen),
      receivedAt: new Date(p.receivedAt),
    })),
    evidence,
    ...(row.campaign ? { campaign: row.campaign } : {}),
  };
}
