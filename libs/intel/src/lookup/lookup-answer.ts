import type { WarninglistHit } from '@scamintel/indicators';
import type { Decision } from '@scamintel/policing';
import type { PartnerSighting } from './lookup.repository';

type Verdict = Decision['verdict'];

export interface LookupAnswer {
  query: string;
  indicator: { type: string; value: string; fingerprint: string } | null;
  verdict: Verdict;
  reports: number;
  firstSeen: string | null;
  lastSeen: string | null;
  jurisdictions: string[];
  scamTypes: string[];
  confidence: number;
  explanation: { jurisdiction: string; rule: string; reason: string };
  byJurisdiction: {
    jurisdiction: string;
    sourceNode: string;
    verdict: Verdict;
    confidence: number;
    reports: number;
    firstSeen: string;
    lastSeen: string;
    rule: string;
    reason: string;
    formerPartner?: boolean;
  }[];
  flags?: string[];
  rejected?: { code: string; reason: string };
  /** CONTRACT §6: the list an official value is on, whether or not anyone reported it. */
  warninglist?: { name: string; description: string; label?: string };
  /** CONTRACT §11: the campaign the value belongs to, when it is shared at TLP clear. */
  campaign?: { id: string; reports: number; jurisdictions: string[] };
}

/** The warninglist part of an answer: which list, and the entry's own label when it has one. */
export const listEntry = (hit: WarninglistHit) => ({
  name: hit.list,
  description: hit.description,
  ...(hit.label ? { label: hit.label } : {}),
});

/** A partner's own verdict for its jurisdiction, side by side with ours: it informs, it never replaces. */
export function partnerEntry(p: PartnerSighting) {
  return {
    jurisdiction: p.jurisdiction,
    sourceNode: p.sourceNode,
    verdict: p.verdict as Verdict,
    confidence: p.confidence,
    reports: p.sightings,
    firstSeen: new Date(p.firstSeen).toISOString(),
    lastSeen: new Date(p.lastSeen).toISOString(),
    rule: 'partner',
    reason: `the verdict of ${p.sourceNode} for ${p.jurisdiction}${p.pseudonymised ? ' (matched by its pseudonym)' : ''}${p.revoked ? '; revoked' : ''}${p.formerPartner ? '; sent while it was a partner' : ''}`,
    ...(p.formerPartner ? { formerPartner: true } : {}),
  };
}

/** The answer for a value that is no indicator: unknown, or official when it is an official short code on a warninglist. */
export function rejectedAnswer(
  query: string,
  jurisdiction: string,
  code: string,
  reason: string,
  official: WarninglistHit | null,
): LookupAnswer {
  return {
    query,
    indicator: null,
    verdict: official ? 'legitimate' : 'unknown',
    confidence: 0,
    reports: 0,
    firstSeen: null,
    lastSeen: null,
    jurisdictions: [],
    scamTypes: [],
    byJurisdiction: [],
    explanation: { jurisdiction, rule: official ? 'warninglist' : 'not_an_indicator', reason },
    ...(official ? { warninglist: listEntry(official) } : { rejected: { code, reason } }),
  };
}
