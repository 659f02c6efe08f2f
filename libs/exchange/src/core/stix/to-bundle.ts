import { canonicalJson } from '@scamintel/audit-core';
import { ExchangeIndicator, NodeIdentity } from '../indicator';
import { CUSTOM_SCO_EXT, SCAMINTEL_PROPERTIES_EXT, extensionDefinitions, scamintelIdentity } from './extensions';
import { SCAMINTEL_NAMESPACE, identityId, indicatorId, sightingId, uuidv5 } from './ids';
import { observableOf, stixUnrepresentable } from './observables';
import { buildPattern } from './pattern';
import { stixTimestamp, earlier, later } from './timestamps';
import { TLP_MARKING_IDS, tlpMarkingDefinition } from './tlp';
import { StixBundle, StixObject } from './types';
import { Verdict, fingerprint, isTlp } from '@scamintel/vocabulary';

export interface ToStixOptions {
  /** Defaults to a UUIDv5 over the ids and versions inside, so the same content is the same bundle. */
  bundleId?: string;
  /** Version of the sender identity object; bump it when the node's name changes. */
  identityModified?: string;
  /**
   * Ship the extension-definition objects (default). The OASIS bundle.json at the pinned commit rejects any
   * extension-definition inside a bundle (it is not in its object list, and the custom-object branch cannot be
   * met by SDO-shaped objects), so a receiver that validates whole bundles with it needs them left out; each
   * definition still validates against common/extension-definition.json on its own.
   */
  includeExtensionDefinitions?: boolean;
}

export interface StixMappingProblem {
  fingerprint: string;
  reason: string;
}

/** Thrown instead of emitting an object that would fail validation or mislead the receiver. */
export class StixMappingError extends Error {
  constructor(readonly problems: StixMappingProblem[]) {
    super(`cannot map to STIX: ${problems.map((p) => `${p.fingerprint}: ${p.reason}`).join('; ')}`);
  }
}

/** indicator_types from the verdict, so STIX tools that ignore our extension still read it right. */
const INDICATOR_TYPES_FOR: Record<Verdict, string> = {
  scam: 'malicious-activity',
  suspicious: 'anomalous-activity',
  unknown: 'unknown',
  legitimate: 'benign',
};
const DEFAULT_IDENTITY_VERSION = '2026-01-01T00:00:00.000Z';

/** Everything wrong with one record, and its STIX timestamps when they are all readable (computed once here). */
function problemsOf(ind: ExchangeIndicator, out: string[]): Stamps | undefined {
  const unrepresentable = stixUnrepresentable(ind);
  if (unrepresentable) out.push(unrepresentable);
  else if (ind.fingerprint !== fingerprint(ind.type, ind.value)) out.push('fingerprint is not sha256(type + "\\n" + value)');
  if (!isTlp(ind.tlp)) out.push(`unknown TLP ${String(ind.tlp)}`);
  const firstSeen = stixTimestamp(ind.firstSeen);
  if (!firstSeen) out.push('firstSeen is not a timestamp');
  const lastSeen = stixTimestamp(ind.lastSeen);
  if (!lastSeen) out.push('lastSeen is not a timestamp');
  const modified = stixTimestamp(ind.modified);
  if (!modified) out.push('modified is not a timestamp');
  if (!Number.isFinite(ind.confidence)) out.push('confidence is not a number');
  if (!(ind.verdict in INDICATOR_TYPES_FOR)) out.push(`unknown verdict ${String(ind.verdict)}`);
  return firstSeen && lastSeen && modified ? { firstSeen, lastSeen, modified } : undefined;
}

interface Stamps {
  firstSeen: string;
  lastSeen: string;
  modified: string;
}

function senderIdentity(sender: NodeIdentity, version: string): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identityId(sender.nodeId),
    created: version,
    modified: version,
    name: sender.name ?? sender.nodeId,
    identity_class: 'organization',
    object_marking_refs: [TLP_MARKING_IDS.clear],
    extensions: {
      [SCAMINTEL_PROPERTIES_EXT]: { extension_type: 'property-extension', node_id: sender.nodeId, jurisdiction: sender.jurisdiction },
    },
  };
}

/** The SCO, indicator and sighting for one exchange record, appended to `out`. */
function objectsFor(ind: ExchangeIndicator, stamps: Stamps, senderRef: string, nodeId: string, out: StixObject[]): void {
  const { sco, comparisons } = observableOf(ind);
  const marking = [TLP_MARKING_IDS[ind.tlp]];
  const { modified, firstSeen } = stamps;
  const lastSeen = later(stamps.lastSeen, firstSeen);
  const created = earlier(firstSeen, modified);
  const id = indicatorId(ind.fingerprint, nodeId);
  const props: Record<string, unknown> = {
    extension_type: 'property-extension',
    indicator_type: ind.type,
    fingerprint: ind.fingerprint,
    verdict: ind.verdict,
    pseudonymised: ind.pseudonymised,
    reporters: Math.max(0, Math.trunc(ind.reporters || 0)),
  };
  if (ind.attributes && Object.keys(ind.attributes).length) props.attributes = ind.attributes;
  if (ind.narratives?.length) props.narratives = ind.narratives;
  // Members are assigned in the order JSON.stringify must write them (the wire format): labels only when present.
  const indicator: StixObject = {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created_by_ref: senderRef,
    created,
    modified,
    indicator_types: [INDICATOR_TYPES_FOR[ind.verdict]],
    pattern: buildPattern(comparisons),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: firstSeen,
    confidence: Math.min(100, Math.max(0, Math.round(ind.confidence))),
    revoked: ind.revoked === true,
  };
  if (ind.scamTypes?.length) indicator.labels = [...ind.scamTypes];
  indicator.object_marking_refs = marking;
  indicator.extensions = { [SCAMINTEL_PROPERTIES_EXT]: props };
  const sighting: StixObject = {
    type: 'sighting',
    spec_version: '2.1',
    id: sightingId(id, senderRef),
    created_by_ref: senderRef,
    created,
    modified,
    first_seen: firstSeen,
    last_seen: lastSeen,
    count: Math.min(999_999_999, Math.max(0, Math.trunc(ind.sightings || 0))),
    sighting_of_ref: id,
    where_sighted_refs: [senderRef],
    summary: true,
    object_marking_refs: marking,
  };
  // observableOf built this SCO for us alone: the marking goes last, as a copy with it appended would have it.
  sco.object_marking_refs = marking;
  out.push(sco, indicator, sighting);
}

const TLP_ORDER = Object.values(TLP_MARKING_IDS);

/**
 * Keeps one copy of each SCO; two records sharing an SCO leave it with the stricter marking. First-seen order.
 * (Each record object carries exactly one object-level marking, so comparing those compares the lists.)
 */
function dedupe(objects: StixObject[]): StixObject[] {
  const at = new Map<string, number>();
  const out: StixObject[] = [];
  for (const o of objects) {
    const i = at.get(o.id);
    if (i === undefined) {
      at.set(o.id, out.length);
      out.push(o);
      continue;
    }
    const was = out[i].object_marking_refs![0];
    const is = o.object_marking_refs![0];
    if (was !== is && TLP_ORDER.indexOf(is) > TLP_ORDER.indexOf(was)) out[i] = o;
  }
  return out;
}

/** canonicalJson of the sorted version strings; they are ASCII ids and timestamps, for which JSON.stringify writes the same text. */
function canonicalVersions(versions: string[]): string {
  const text = JSON.stringify(versions);
  // Non-ASCII or an escaped lone surrogate: let canonicalJson decide (it refuses lone surrogates).
  return /[^\x20-\x7e]|\\u/.test(text) ? canonicalJson(versions) : text;
}

export function toStixBundle(indicators: ExchangeIndicator[], sender: NodeIdentity, opts: ToStixOptions = {}): StixBundle {
  const problems: StixMappingProblem[] = [];
  const stamps: (Stamps | undefined)[] = new Array(indicators.length);
  const reasons: string[] = [];
  for (let i = 0; i < indicators.length; i++) {
    const ind = indicators[i];
    stamps[i] = problemsOf(ind, reasons);
    if (reasons.length) {
      for (const reason of reasons) problems.push({ fingerprint: String(ind.fingerprint), reason });
      reasons.length = 0;
    }
  }
  if (problems.length) throw new StixMappingError(problems);
  const identity = senderIdentity(sender, stixTimestamp(opts.identityModified ?? DEFAULT_IDENTITY_VERSION) ?? DEFAULT_IDENTITY_VERSION);
  const all: StixObject[] = [];
  for (let i = 0; i < indicators.length; i++) objectsFor(indicators[i], stamps[i]!, identity.id, sender.nodeId, all);
  const records = dedupe(all);

  const usedTypes = new Set<string>();
  for (const o of records) usedTypes.add(o.type);
  const definitions =
    opts.includeExtensionDefinitions === false
      ? []
      : extensionDefinitions().filter((d) => {
          const custom = Object.entries(CUSTOM_SCO_EXT).find(([, id]) => id === d.id);
          return !custom || usedTypes.has(custom[0]);
        });
  const usedTlps = new Set<string>(['clear']);
  for (const i of indicators) usedTlps.add(i.tlp);
  const markings = (Object.keys(TLP_MARKING_IDS) as (keyof typeof TLP_MARKING_IDS)[])
    .filter((t) => usedTlps.has(t))
    .map(tlpMarkingDefinition);

  const objects = [identity, scamintelIdentity(), ...definitions, ...markings];
  for (const o of records) objects.push(o);
  const id =
    opts.bundleId ??
    `bundle--${uuidv5(SCAMINTEL_NAMESPACE, canonicalVersions(objects.map((o) => `${o.id}@${o.modified ?? o.created ?? ''}`).sort()))}`;
  return { type: 'bundle', id, objects };
}
