import { ExchangeIndicator } from './indicator';
import { PartnerPolicy } from './policy';
import { StixObject } from './stix/types';
import { TLP2_EXTENSION_ID, markingRefsOf, tlpOfMarkingId } from './stix/tlp';
import { Tlp, tlpAllowed } from '@scamintel/vocabulary';

export type InboundViolationReason =
  'tlp_red' | 'tlp_amber_strict' | 'above_max_tlp' | 'unmarked' | 'type_not_accepted' | 'narrative_not_accepted' | 'not_pseudonymised';

export interface InboundViolation {
  reason: InboundViolationReason;
  objectId?: string;
  fingerprint?: string;
  detail?: string;
}

/** Objects that describe rather than carry intelligence, and need no TLP of their own. */
const DESCRIPTIVE = new Set(['identity', 'marking-definition', 'extension-definition']);

function tlpViolation(tlp: Tlp, maxTlp: Tlp): InboundViolationReason | undefined {
  if (tlp === 'red') return 'tlp_red';
  if (tlp === 'amber+strict') return 'tlp_amber_strict';
  return tlpAllowed(tlp, maxTlp) ? undefined : 'above_max_tlp';
}

function definedTlp(o: StixObject): Tlp | undefined {
  const v = o.extensions?.[TLP2_EXTENSION_ID]?.tlp_2_0;
  return typeof v === 'string' ? (v as Tlp) : tlpOfMarkingId(o.id);
}

/**
 * Everything in an inbound bundle that breaks the receiver's policy for that partner; any entry means the
 * bundle is refused whole (CONTRACT §7). `indicators` are what fromStixBundle read from the same bundle.
 */
export function checkInboundPolicy(
  indicators: ExchangeIndicator[],
  bundle: { objects?: unknown[] },
  policy: PartnerPolicy,
): InboundViolation[] {
  const out: InboundViolation[] = [];
  const objects = (Array.isArray(bundle?.objects) ? bundle.objects : []).filter((o): o is StixObject => !!o && typeof o === 'object');
  for (const o of objects) {
    // A red or amber+strict definition present in the bundle is refused even if nothing points at it.
    const defined = o.type === 'marking-definition' ? definedTlp(o) : undefined;
    const definedReason = defined === 'red' ? 'tlp_red' : defined === 'amber+strict' ? 'tlp_amber_strict' : undefined;
    if (definedReason) out.push({ reason: definedReason, objectId: o.id });
    const refs = markingRefsOf(o);
    for (const ref of refs) {
      const tlp = tlpOfMarkingId(ref);
      const reason = tlp && tlpViolation(tlp, policy.maxTlp);
      if (reason) out.push({ reason, objectId: o.id, detail: ref });
    }
    if (!DESCRIPTIVE.has(o.type) && !refs.some((r) => tlpOfMarkingId(r))) out.push({ reason: 'unmarked', objectId: o.id });
  }
  for (const ind of indicators) {
    const tlpReason = tlpViolation(ind.tlp, policy.maxTlp);
    if (tlpReason) out.push({ reason: tlpReason, fingerprint: ind.fingerprint });
    if (!policy.types.includes(ind.type)) out.push({ reason: 'type_not_accepted', fingerprint: ind.fingerprint, detail: ind.type });
    if (ind.narratives?.length && !policy.shareNarrative) out.push({ reason: 'narrative_not_accepted', fingerprint: ind.fingerprint });
    if (policy.pseudonymise.includes(ind.type) && !ind.pseudonymised)
      out.push({ reason: 'not_pseudonymised', fingerprint: ind.fingerprint, detail: ind.type });
  }
  return out;
}
