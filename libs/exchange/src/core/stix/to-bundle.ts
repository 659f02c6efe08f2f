import { canonicalJson } from '../../../../audit/src/core';
import { ExchangeIndicator, NodeIdentity, Verdict, fingerprintOf } from '../indicator';
import { CUSTOM_SCO_EXT, SCAMINTEL_PROPERTIES_EXT, extensionDefinitions, scamintelIdentity } from './extensions';
import { SCAMINTEL_NAMESPACE, identityId, indicatorId, sightingId, uuidv5 } from './ids';
import { observableOf, stixUnrepresentable } from './observables';
import { buildPattern } from './pattern';
import { stixTimestamp, earlier, later } from './timestamps';
import { TLP_MARKING_IDS, isTlp, tlpMarkingDefinition } from './tlp';
import { StixBundle, StixObject } from './types';

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

export interface StixMappingProblem { fingerprint: string; reason: string }

/** Thrown instead of emitting an object that would fail validation or mislead the receiver. */
export class StixMappingError extends Error {
  constructor(readonly problems: StixMappingProblem[]) {
    super(`cannot map to STIX: ${problems.map((p) => `${p.fingerprint}: ${p.reason}`).join('; ')}`);
  }
}

/** indicator_types from the verdict, so STIX tools that ignore our extension still read it right. */
const INDICATOR_TYPES_FOR: Record<Verdict, string> = { scam: 'malicious-activity', suspicious: 'anomalous-activity', unknown: 'unknown', legitimate: 'benign' };
const DEFAULT_IDENTITY_VERSION = '2026-01-01T00:00:00.000Z';

function problemsOf(ind: ExchangeIndicator): string[] {
  const out: string[] = [];
  const unrepresentable = stixUnrepresentable(ind);
  if (unrepresentable) out.push(unrepresentable);
  else if (ind.fingerprint !== fingerprintOf(ind.type, ind.value)) out.push('fingerprint is not sha256(type + "\\n" + value)');
  if (!isTlp(ind.tlp)) out.push(`unknown TLP ${String(ind.tlp)}`);
  for (const k of ['firstSeen', 'lastSeen', 'modified'] as const) if (!stixTimestamp(ind[k])) out.push(`${k} is not a timestamp`);
  if (!Number.isFinite(ind.confidence)) out.push('confidence is not a number');
  if (!(ind.verdict in INDICATOR_TYPES_FOR)) out.push(`unknown verdict ${String(ind.verdict)}`);
  return out;
}

function senderIdentity(sender: NodeIdentity, version: string): StixObject {
  return {
    type: 'identity', spec_version: '2.1', id: identityId(sender.nodeId), created: version, modified: version,
    name: sender.name ?? sender.nodeId, identity_class: 'organization', object_marking_refs: [TLP_MARKING_IDS.clear],
    extensions: { [SCAMINTEL_PROPERTIES_EXT]: { extension_type: 'property-extension', node_id: sender.nodeId, jurisdiction: sender.jurisdiction } },
  };
}

/** The SCO, indicator and sighting for one exchange record. */
function objectsFor(ind: ExchangeIndicator, senderRef: string, nodeId: string): StixObject[] {
  const { sco, comparisons } = observableOf(ind);
  const marking = [TLP_MARKING_IDS[ind.tlp]];
  const modified = stixTimestamp(ind.modified)!;
  const firstSeen = stixTimestamp(ind.firstSeen)!;
  const lastSeen = later(stixTimestamp(ind.lastSeen)!, firstSeen);
  const created = earlier(firstSeen, modified);
  const id = indicatorId(ind.fingerprint, nodeId);
  const props: Record<string, unknown> = {
    extension_type: 'property-extension', indicator_type: ind.type, fingerprint: ind.fingerprint, verdict: ind.verdict,
    pseudonymised: ind.pseudonymised, reporters: Math.max(0, Math.trunc(ind.reporters || 0)),
  };
  if (ind.attributes && Object.keys(ind.attributes).length) props.attributes = ind.attributes;
  if (ind.narratives?.length) props.narratives = ind.narratives;
  const indicator: StixObject = {
    type: 'indicator', spec_version: '2.1', id, created_by_ref: senderRef, created, modified,
    indicator_types: [INDICATOR_TYPES_FOR[ind.verdict]], pattern: buildPattern(comparisons), pattern_type: 'stix', pattern_version: '2.1',
    valid_from: firstSeen, confidence: Math.min(100, Math.max(0, Math.round(ind.confidence))), revoked: ind.revoked === true,
    ...(ind.scamTypes?.length ? { labels: [...ind.scamTypes] } : {}),
    object_marking_refs: marking, extensions: { [SCAMINTEL_PROPERTIES_EXT]: props },
  };
  const sighting: StixObject = {
    type: 'sighting', spec_version: '2.1', id: sightingId(id, senderRef), created_by_ref: senderRef, created, modified,
    first_seen: firstSeen, last_seen: lastSeen, count: Math.min(999_999_999, Math.max(0, Math.trunc(ind.sightings || 0))),
    sighting_of_ref: id, where_sighted_refs: [senderRef], summary: true, object_marking_refs: marking,
  };
  return [{ ...sco, object_marking_refs: marking }, indicator, sighting];
}

/** Keeps one copy of each SCO; two records sharing an SCO leave it with the stricter marking. */
function dedupe(objects: StixObject[]): StixObject[] {
  const byId = new Map<string, StixObject>();
  for (const o of objects) {
    const prev = byId.get(o.id);
    if (!prev) byId.set(o.id, o);
    else if (JSON.stringify(prev.object_marking_refs) !== JSON.stringify(o.object_marking_refs)) {
      const rank = (x: StixObject) => Object.values(TLP_MARKING_IDS).indexOf(x.object_marking_refs![0]);
      if (rank(o) > rank(prev)) byId.set(o.id, o);
    }
  }
  return [...byId.values()];
}

export function toStixBundle(indicators: ExchangeIndicator[], sender: NodeIdentity, opts: ToStixOptions = {}): StixBundle {
  const problems = indicators.flatMap((ind) => problemsOf(ind).map((reason) => ({ fingerprint: String(ind.fingerprint), reason })));
  if (problems.length) throw new StixMappingError(problems);
  const identity = senderIdentity(sender, stixTimestamp(opts.identityModified ?? DEFAULT_IDENTITY_VERSION) ?? DEFAULT_IDENTITY_VERSION);
  const records = dedupe(indicators.flatMap((ind) => objectsFor(ind, identity.id, sender.nodeId)));

  const usedTypes = new Set(records.map((o) => o.type));
  const definitions = opts.includeExtensionDefinitions === false ? [] : extensionDefinitions().filter((d) => {
    const custom = Object.entries(CUSTOM_SCO_EXT).find(([, id]) => id === d.id);
    return !custom || usedTypes.has(custom[0]);
  });
  const usedTlps = new Set(['clear', ...indicators.map((i) => i.tlp)]);
  const markings = (Object.keys(TLP_MARKING_IDS) as (keyof typeof TLP_MARKING_IDS)[]).filter((t) => usedTlps.has(t)).map(tlpMarkingDefinition);

  const objects = [identity, scamintelIdentity(), ...definitions, ...markings, ...records];
  const versions = objects.map((o) => `${o.id}@${o.modified ?? o.created ?? ''}`).sort();
  const id = opts.bundleId ?? `bundle--${uuidv5(SCAMINTEL_NAMESPACE, canonicalJson(versions))}`;
  return { type: 'bundle', id, objects };
}
