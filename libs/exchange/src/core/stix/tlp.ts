import { type Tlp, tlpRank } from '@scamintel/vocabulary';
import { StixBundle, StixObject } from './types';

/** The TLP 2.0 marking definitions as published by OASIS (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_MARKING_IDS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** TLP 1.0 markings from the STIX 2.1 spec (§7.2.1.4), read so that older feeds are still classified. */
const TLP1_MARKING_IDS: Record<string, Tlp> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

const BY_ID: Record<string, Tlp> = {
  ...TLP1_MARKING_IDS,
  ...Object.fromEntries(Object.entries(TLP_MARKING_IDS).map(([tlp, id]) => [id, tlp as Tlp])),
};

export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/** The same table as a Map: a marking id read from a bundle is a fresh string, which a Map looks up faster. */
const BY_ID_MAP = new Map(Object.entries(BY_ID));

// Anything the Map lacks is looked up in BY_ID as before, inherited members included (same answers).
export const tlpOfMarkingId = (id: string): Tlp | undefined => BY_ID_MAP.get(id) ?? BY_ID[id];

/** Every marking reference an object carries, object-level and granular. */
export function markingRefsOf(obj: StixObject): string[] {
  const refs = Array.isArray(obj.object_marking_refs) ? obj.object_marking_refs.filter((r) => typeof r === 'string') : [];
  for (const g of Array.isArray(obj.granular_markings) ? obj.granular_markings : [])
    if (typeof g?.marking_ref === 'string') refs.push(g.marking_ref);
  return refs;
}

/** The most restrictive TLP among an object's own (object-level) markings. */
export function tlpOfObject(obj: StixObject): Tlp | undefined {
  const levels = (obj.object_marking_refs ?? []).map(tlpOfMarkingId).filter((t): t is Tlp => t !== undefined);
  return levels.length ? levels.reduce((a, b) => (tlpRank(b) > tlpRank(a) ? b : a)) : undefined;
}

/** The most restrictive TLP referenced anywhere in the bundle, granular markings included. */
export function maxTlpOf(bundle: StixBundle): Tlp | undefined {
  let max: Tlp | undefined;
  for (const obj of bundle.objects ?? []) {
    for (const ref of markingRefsOf(obj)) {
      const t = tlpOfMarkingId(ref);
      if (t && (max === undefined || tlpRank(t) > tlpRank(max))) max = t;
    }
  }
  return max;
}
