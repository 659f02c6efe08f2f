import type { Decision } from '@scamintel/policing';
import { ExchangeIndicator, OutboundCandidate, PartnerPolicy } from '../core';
import { ExportRow } from './export.repository';
import { IndicatorType, TLPS, Tlp, isIndicatorType, tlpAllowed, SHAREABLE_TLPS } from '@scamintel/vocabulary';

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

function scamTypesOf(counts: Record<string, number> | null): string[] {
  return Object.entries(counts ?? {})
    .sort((a, b) => Number(b[1]) - Number(a[1]) || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
}

/**
 * The exchange record of one local indicator. Everything comes from this node's own tables for its own
 * jurisdiction (indicators + indicator_stats + indicator_reporters; partner data lives in partner_sightings and
 * is never read here), with origin 'local':
 *
 * - `sightings` = reports, `reporters` = distinct reporters (a count only; nothing else about them),
 *   `firstSeen`/`lastSeen`, `scamTypes` by frequency, `attributes` of the canonical value;
 * - `tlp` = the indicator's tlp_rank, i.e. the most permissive TLP among its reports (a value one reporter
 *   marked green is shareable at green even if another marked it red; that red report's narrative is not);
 * - `verdict` and `confidence` = this node's decision for its jurisdiction (VerdictService of libs/policing,
 *   the one lookups show), decided without any partner evidence, so nothing a partner sent is re-exported;
 * - `revoked` = an analyst (or an upheld appeal) marked it legitimate.
 *
 * Undefined when the indicator has no sighting in this node's jurisdiction.
 */
export function toCandidate(row: ExportRow, decision: Decision | undefined, narratives?: string[]): OutboundCandidate | undefined {
  if (row.reports === null || row.tlpRank === null || !row.firstSeen || !row.lastSeen || !decision || !isIndicatorType(row.type))
    return undefined;
  const tlp: Tlp = TLPS[row.tlpRank] ?? 'red';
  return {
    origin: 'local',
    fingerprint: row.fingerprint,
    type: row.type as IndicatorType,
    value: row.value,
    pseudonymised: false,
    tlp,
    confidence: Math.max(0, Math.min(100, Math.round(decision.confidence))),
    verdict: decision.verdict,
    revoked: decision.rule === 'analyst_verdict' && decision.verdict === 'legitimate',
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    sightings: row.reports,
    reporters: row.reporters,
    scamTypes: scamTypesOf(row.scamTypes),
    attributes: row.attributes ?? {},
    ...(narratives?.length ? { narratives } : {}),
    modified: iso(row.updatedAt),
  };
}

/** TLPs whose reports' narratives a partner with this policy may read. */
export function narrativeTlps(policy: PartnerPolicy): Tlp[] {
  return SHAREABLE_TLPS.filter((t) => tlpAllowed(t, policy.maxTlp));
}

export type { ExchangeIndicator };
