import {
  SCAMINTEL_NAMESPACE,
  SCAMINTEL_PROPERTIES_EXT,
  StixObject,
  TLP_MARKING_IDS,
  extensionDefinitions,
  identityId,
  indicatorId,
  tlpMarkingDefinition,
  uuidv5,
} from '@scamintel/exchange-core';
import { Tlp } from '@scamintel/vocabulary';

/** A campaign as this node shares it: its own reports' aggregates only (never a partner's: no re-export). */
export interface SharedCampaign {
  id: string;
  name: string;
  tlp: Tlp;
  created: string;
  modified: string;
  reports: number;
  jurisdictions: string[];
  scamTypes: string[];
  channels: string[];
  losses: { currency: string; amount: string }[];
  firstSeen: string | null;
  lastSeen: string | null;
  origin: { country: string; note: string | null } | null;
  /** Fingerprints of its values, or pseudonym fingerprints for the partner's pseudonymised types. */
  members: string[];
}

/** Reports of the sending node holding both values, and each value's own report count (hubs are told by it). */
export interface SharedLink {
  a: string;
  b: string;
  reports: number;
  aReports: number;
  bReports: number;
  tlp: Tlp;
  firstAt: string;
}

const nonEmpty = (lists: Record<string, unknown[]>) => Object.fromEntries(Object.entries(lists).filter(([, v]) => v.length));
const IDENTITY_VERSION = '2026-01-01T00:00:00.000Z';
const ext = (props: Record<string, unknown>) => ({ [SCAMINTEL_PROPERTIES_EXT]: { extension_type: 'property-extension', ...props } });
export const campaignStixId = (nodeId: string, id: string) => `campaign--${uuidv5(SCAMINTEL_NAMESPACE, `campaign:${nodeId}:${id}`)}`;
const relId = (name: string) => `relationship--${uuidv5(SCAMINTEL_NAMESPACE, name)}`;

/**
 * Campaigns and co-occurrence links as STIX 2.1: `campaign` (aggregates in the scamintel property extension),
 * `relationship` `indicates` from each value's indicator, `location` + `originates-from` when an origin is set, and
 * `related-to` between two indicators for a co-occurrence link. Ids are UUIDv5 of what they name, so a resend is
 * the same objects.
 */
export function campaignObjects(
  sender: { nodeId: string; jurisdiction: string },
  campaigns: SharedCampaign[],
  links: SharedLink[],
  completeSet = true,
): StixObject[] {
  const senderRef = identityId(sender.nodeId);
  const tlps = new Set<Tlp>(['clear']);
  const out: StixObject[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: senderRef,
      created: IDENTITY_VERSION,
      modified: IDENTITY_VERSION,
      name: sender.nodeId,
      identity_class: 'organization',
      object_marking_refs: [TLP_MARKING_IDS.clear],
      // `campaign_set`: the bundle carries every campaign the sender shares with this partner now, so the receiver
      // drops those it holds from the sender and no longer sees (merged away, closed to it, gone).
      extensions: ext({ node_id: sender.nodeId, jurisdiction: sender.jurisdiction, ...(completeSet ? { campaign_set: true } : {}) }),
    },
  ];
  const base = (tlp: Tlp, created: string, modified: string) => {
    tlps.add(tlp);
    return {
      spec_version: '2.1',
      created_by_ref: senderRef,
      created,
      modified: modified < created ? created : modified,
      object_marking_refs: [TLP_MARKING_IDS[tlp]],
    };
  };
  for (const c of campaigns) {
    const id = campaignStixId(sender.nodeId, c.id);
    out.push({
      type: 'campaign',
      id,
      ...base(c.tlp, c.created, c.modified),
      name: c.name,
      ...(c.firstSeen ? { first_seen: c.firstSeen } : {}),
      ...(c.lastSeen && (!c.firstSeen || c.lastSeen >= c.firstSeen) ? { last_seen: c.lastSeen } : {}),
      // STIX lists hold at least one item: an empty one is left out (and read back as empty).
      extensions: ext({
        reports: c.reports,
        ...nonEmpty({
          jurisdictions: c.jurisdictions,
          scam_types: c.scamTypes,
          channels: c.channels,
          losses: c.losses,
          fingerprints: c.members,
        }),
      }),
    });
    for (const fp of c.members) {
      const source = indicatorId(fp, sender.nodeId);
      out.push({
        type: 'relationship',
        id: relId(`indicates:${source}:${id}`),
        ...base(c.tlp, c.created, c.modified),
        relationship_type: 'indicates',
        source_ref: source,
        target_ref: id,
        extensions: ext({ fingerprint: fp }),
      });
    }
    if (c.origin) {
      const loc = `location--${uuidv5(SCAMINTEL_NAMESPACE, `origin:${id}:${c.origin.country}`)}`;
      out.push({
        type: 'location',
        id: loc,
        ...base(c.tlp, c.created, c.modified),
        country: c.origin.country,
        ...(c.origin.note ? { description: c.origin.note } : {}),
      });
      out.push({
        type: 'relationship',
        id: relId(`originates-from:${id}:${loc}`),
        ...base(c.tlp, c.created, c.modified),
        relationship_type: 'originates-from',
        source_ref: id,
        target_ref: loc,
      });
    }
  }
  for (const l of links) {
    const [source, target] = [indicatorId(l.a, sender.nodeId), indicatorId(l.b, sender.nodeId)];
    out.push({
      type: 'relationship',
      id: relId(`co-occurs:${sender.nodeId}:${l.a}:${l.b}`),
      ...base(l.tlp, l.firstAt, l.firstAt),
      relationship_type: 'related-to',
      description: 'Seen together in reports of the sending node (co-occurrence).',
      source_ref: source,
      target_ref: target,
      extensions: ext({ co_occurrence: { from: l.a, to: l.b, reports: l.reports, from_reports: l.aReports, to_reports: l.bReports } }),
    });
  }
  return [...[...tlps].sort().map((t) => tlpMarkingDefinition(t)), ...extensionDefinitions(), ...out];
}
