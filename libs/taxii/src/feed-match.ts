import type { Decision } from '@scamintel/policing';
import { ExportRow, toCandidate } from '@scamintel/exchange';
import {
  NodeIdentity,
  PartnerPolicy,
  WithheldReason,
  applyOutboundPolicy,
  identityId,
  indicatorId,
  observableOf,
  pseudonym,
  sightingId,
  stixUnrepresentable,
} from '@scamintel/exchange-core';
import { fingerprint, isIndicatorType } from '@scamintel/vocabulary';
import type { TaxiiCollection } from './collections.service';
import type { ObjectFilters } from './filters';

/**
 * Whether the exchange's own policy withholds this row whatever its verdict: a dry run of toCandidate +
 * applyOutboundPolicy with a stand-in decision, counted only when the reason is one that reads no decision
 * (no local sighting, red, amber+strict, above maxTlp, a type not shared, …). Such rows need no verdict
 * evidence, which is most of the cost of a page (the public collection withholds everything above TLP:CLEAR).
 */
const STAND_IN: Decision = { verdict: 'unknown', rule: 'taxii_dry_run', reason: '', confidence: 100, flags: [] };
const DECISION_FREE: ReadonlySet<WithheldReason> = new Set<WithheldReason>([
  'from_partner',
  'tlp_red',
  'tlp_amber_strict',
  'above_max_tlp',
  'type_not_shared',
  'already_pseudonymised',
  'no_pseudonym_key',
  'not_stix_representable',
]);
export function withheldWhatever(row: ExportRow, policy: PartnerPolicy, key: string | undefined): boolean {
  const candidate = toCandidate(row, STAND_IN);
  if (!candidate) return true;
  const { withheld } = applyOutboundPolicy([candidate], policy, key);
  return withheld.length > 0 && DECISION_FREE.has(withheld[0].reason);
}

/**
 * Cheap pre-check before the row is judged: with `match[id]` or a `match[type]` that names no indicator or
 * sighting, only rows whose would-be objects can match need verdicts. Ids depend only on type, value (or its
 * pseudonym) and this node, so they are known before judging.
 */
export function mayMatch(
  row: Pick<ExportRow, 'fingerprint' | 'type' | 'value'>,
  c: TaxiiCollection,
  f: ObjectFilters,
  sender: NodeIdentity,
): boolean {
  if (!f.ids && !f.types) return true;
  if (!f.ids && (f.types!.has('indicator') || f.types!.has('sighting'))) return true;
  if (!isIndicatorType(row.type)) return false;
  const { policy } = c.audience;
  const pseudonymised = policy.pseudonymise.includes(row.type);
  const key = c.audience.pseudonymKey;
  if (pseudonymised && !key) return false;
  const value = pseudonymised ? pseudonym(key!, row.value) : row.value;
  if (stixUnrepresentable({ type: row.type, value, pseudonymised })) return false;
  const ids = f.ids ? [...f.ids] : [];
  // Only the ids asked about are computed: an indicator id costs one SHA-1, an observable's id a JCS and one.
  const wantsSco =
    (f.types && !f.types.has('indicator') && !f.types.has('sighting')) ||
    ids.some((id) => !id.startsWith('indicator--') && !id.startsWith('sighting--'));
  const sco = wantsSco ? observableOf({ type: row.type, value, pseudonymised }).sco : undefined;
  if (f.types && sco && !f.types.has(sco.type)) return false;
  if (f.ids) {
    if (sco && f.ids.has(sco.id)) return true;
    if (!ids.some((id) => id.startsWith('indicator--') || id.startsWith('sighting--'))) return false;
    const indicator = indicatorId(pseudonymised ? fingerprint(row.type, value) : row.fingerprint, sender.nodeId);
    return f.ids.has(indicator) || f.ids.has(sightingId(indicator, identityId(sender.nodeId)));
  }
  return true;
}
