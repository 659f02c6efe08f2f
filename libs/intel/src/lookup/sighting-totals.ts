/**
 * The totals a lookup answers (CONTRACT §6): every sighting this node holds, its own and those partners sent.
 * Pure, so the lookup's read path can change (cache, precomputed rows) without changing what is counted.
 */

/** This node's own sightings of a value in one jurisdiction. */
export interface OwnSightings {
  jurisdiction: string;
  reports: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: Record<string, number>;
}

/** What one partner node sent about the value (already matched to it, clear or by pseudonym). */
export interface PartnerSightings {
  jurisdiction: string;
  sightings: number;
  firstSeen: Date | string;
  lastSeen: Date | string;
  scamTypes: string[];
  /** The partner withdrew the indicator: its sightings no longer count. */
  revoked: boolean;
}

export interface SightingTotals {
  reports: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Alphabetical, each once. */
  jurisdictions: string[];
  /** Most reported first, ties alphabetical. */
  scamTypes: string[];
}

export function sightingTotals(own: OwnSightings[], partners: PartnerSightings[]): SightingTotals {
  const all = [
    ...own.map((s) => ({ ...s, firstSeen: s.firstSeen.getTime(), lastSeen: s.lastSeen.getTime() })),
    ...partners
      .filter((p) => !p.revoked && p.sightings > 0)
      .map((p) => ({
        jurisdiction: p.jurisdiction,
        reports: p.sightings,
        firstSeen: new Date(p.firstSeen).getTime(),
        lastSeen: new Date(p.lastSeen).getTime(),
        // A partner sends which scam types, not how many of each: each weighs as its sightings, to order the list.
        scamTypes: Object.fromEntries(p.scamTypes.map((t) => [t, p.sightings])),
      })),
  ];
  const weights: Record<string, number> = {};
  for (const s of all) for (const [k, v] of Object.entries(s.scamTypes)) weights[k] = (weights[k] ?? 0) + v;
  const first = all.length ? Math.min(...all.map((s) => s.firstSeen)) : null;
  const last = all.length ? Math.max(...all.map((s) => s.lastSeen)) : null;
  return {
    reports: all.reduce((a, s) => a + s.reports, 0),
    firstSeen: first === null ? null : new Date(first).toISOString(),
    lastSeen: last === null ? null : new Date(last).toISOString(),
    jurisdictions: [...new Set(all.map((s) => s.jurisdiction))].sort(),
    scamTypes: Object.entries(weights)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => k),
  };
}
