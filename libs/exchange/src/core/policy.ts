import { ExchangeIndicator } from './indicator';
import { pseudonym } from './pseudonym';
import { stixUnrepresentable } from './stix/observables';
import {
  INDICATOR_TYPES,
  IndicatorType,
  Tlp,
  fingerprint,
  isIndicatorType,
  tlpAllowed,
  tlpRank,
  SHAREABLE_TLPS,
} from '@scamintel/vocabulary';

export type ShareableTlp = 'clear' | 'green' | 'amber';

export interface PartnerPolicy {
  maxTlp: ShareableTlp;
  types: IndicatorType[];
  minConfidence: number;
  pseudonymise: IndicatorType[];
  shareNarrative: boolean;
}

/** What the store hands the outbound step: an exchange record plus where it came from. */
export type OutboundCandidate = ExchangeIndicator & { origin: 'local' | 'partner'; hasReporterData?: boolean };

export type WithheldReason =
  | 'from_partner'
  | 'tlp_red'
  | 'tlp_amber_strict'
  | 'above_max_tlp'
  | 'type_not_shared'
  | 'below_min_confidence'
  | 'already_pseudonymised'
  | 'no_pseudonym_key'
  | 'not_stix_representable';

export interface Withheld {
  fingerprint: string;
  reason: WithheldReason;
  detail?: string;
}

export interface OutboundResult {
  send: ExchangeIndicator[];
  withheld: Withheld[];
}

/** Problems with a policy as an admin might submit it; empty when it is usable. */
export function policyProblems(p: unknown): string[] {
  const out: string[] = [];
  const q = p as Partial<PartnerPolicy>;
  if (!q || typeof q !== 'object') return ['policy must be an object'];
  if (!SHAREABLE_TLPS.includes(q.maxTlp as Tlp)) out.push('maxTlp must be clear, green or amber');
  for (const k of ['types', 'pseudonymise'] as const) {
    if (!Array.isArray(q[k]) || !q[k]!.every(isIndicatorType)) out.push(`${k} must be a list of ${INDICATOR_TYPES.join('|')}`);
  }
  if (!Number.isInteger(q.minConfidence) || q.minConfidence! < 0 || q.minConfidence! > 100)
    out.push('minConfidence must be an integer 0-100');
  if (typeof q.shareNarrative !== 'boolean') out.push('shareNarrative must be a boolean');
  return out;
}

function withholdReason(c: OutboundCandidate, policy: PartnerPolicy): WithheldReason | undefined {
  // Order matters only for the reason reported: the most fundamental rule first.
  if (c.origin !== 'local') return 'from_partner';
  if (c.tlp === 'red') return 'tlp_red';
  if (c.tlp === 'amber+strict') return 'tlp_amber_strict';
  if (tlpRank(c.tlp) < 0 || !tlpAllowed(c.tlp, policy.maxTlp)) return 'above_max_tlp';
  if (!policy.types.includes(c.type)) return 'type_not_shared';
  if (!(c.confidence >= policy.minConfidence)) return 'below_min_confidence';
  if (c.pseudonymised) return 'already_pseudonymised';
  return undefined;
}

/**
 * Builds the record that leaves the node from named fields only, so whatever else the candidate carries
 * (origin, reporter flags, anything a caller attached) cannot ride along.
 */
function outbound(c: OutboundCandidate, policy: PartnerPolicy, key: Buffer | string | undefined): ExchangeIndicator {
  const base: ExchangeIndicator = {
    fingerprint: c.fingerprint,
    type: c.type,
    value: c.value,
    pseudonymised: false,
    tlp: c.tlp,
    confidence: c.confidence,
    verdict: c.verdict,
    revoked: c.revoked,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
    sightings: c.sightings,
    reporters: c.reporters,
    scamTypes: [...c.scamTypes],
    attributes: { ...c.attributes },
    modified: c.modified,
    ...(policy.shareNarrative && c.narratives?.length ? { narratives: [...c.narratives] } : {}),
  };
  if (!policy.pseudonymise.includes(c.type)) return base;
  // Attributes (registrable domain, bank code, network…) and narratives could give the value away.
  const value = pseudonym(key!, c.value);
  const { narratives: _dropped, ...rest } = base;
  return { ...rest, value, fingerprint: fingerprint(c.type, value), pseudonymised: true, attributes: {} };
}

/** CONTRACT §7 "never leaves a node", applied to one partner's policy. */
export function applyOutboundPolicy(
  candidates: OutboundCandidate[],
  policy: PartnerPolicy,
  pseudonymKey?: Buffer | string,
): OutboundResult {
  const send: ExchangeIndicator[] = [];
  const withheld: Withheld[] = [];
  for (const c of candidates) {
    const reason = withholdReason(c, policy);
    if (reason) {
      withheld.push({ fingerprint: c.fingerprint, reason });
      continue;
    }
    if (policy.pseudonymise.includes(c.type) && !pseudonymKey) {
      withheld.push({ fingerprint: c.fingerprint, reason: 'no_pseudonym_key' });
      continue;
    }
    const out = outbound(c, policy, pseudonymKey);
    const unrepresentable = stixUnrepresentable(out);
    if (unrepresentable) {
      withheld.push({ fingerprint: c.fingerprint, reason: 'not_stix_representable', detail: unrepresentable });
      continue;
    }
    send.push(out);
  }
  return { send, withheld };
}
