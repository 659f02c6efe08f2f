import { SCAMINTEL_PROPERTIES_EXT, StixObject, tlpOfObject } from '@scamintel/exchange-core';
import { Tlp } from '@scamintel/vocabulary';

export interface ReceivedCampaign {
  stixId: string;
  name: string;
  tlp: Tlp;
  reports: number;
  jurisdictions: string[];
  scamTypes: string[];
  channels: string[];
  losses: { currency: string; amount: string }[];
  firstSeen: string | null;
  lastSeen: string | null;
  originCountry: string | null;
  members: string[];
}

export interface ReceivedLink {
  a: string;
  b: string;
  reports: number;
  aReports: number;
  bReports: number;
}

export interface ReadCampaigns {
  /** The bundle holds the sender's complete set of campaigns for this receiver. */
  completeSet: boolean;
  campaigns: ReceivedCampaign[];
  links: ReceivedLink[];
  errors: { id?: string; message: string }[];
}

const FP = /^[0-9a-f]{64}$/;
const ALPHA2 = /^[A-Z]{2}$/;
const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1e9;
const strings = (v: unknown, re?: RegExp): string[] | undefined =>
  Array.isArray(v) && v.length <= 10_000 && v.every((s) => typeof s === 'string' && (!re || re.test(s))) ? (v as string[]) : undefined;
const props = (o: StixObject) => (o.extensions?.[SCAMINTEL_PROPERTIES_EXT] ?? {}) as Record<string, unknown>;

/**
 * The campaigns and co-occurrence links of a partner's bundle (the inverse of `campaignObjects`), from objects the
 * sender created. Anything malformed is an error, not a guess: the receiver refuses the bundle whole.
 */
export function readCampaignObjects(objects: StixObject[], senderRef: string): ReadCampaigns {
  const sender = objects.find((o) => o.type === 'identity' && o.id === senderRef);
  const out: ReadCampaigns = { completeSet: !!sender && props(sender).campaign_set === true, campaigns: [], links: [], errors: [] };
  const locations = new Map(objects.filter((o) => o.type === 'location').map((o) => [o.id, o]));
  const origins = new Map<string, string>();
  for (const o of objects) {
    if (o.type !== 'relationship' || o.relationship_type !== 'originates-from') continue;
    const country = locations.get(String(o.target_ref))?.country;
    if (typeof country === 'string' && ALPHA2.test(country)) origins.set(String(o.source_ref), country);
  }
  for (const o of objects) {
    if (o.created_by_ref !== senderRef) continue;
    const p = props(o);
    if (o.type === 'campaign') {
      const tlp = tlpOfObject(o);
      const lossList = p.losses ?? [];
      const losses = Array.isArray(lossList)
        ? (lossList as { currency?: unknown; amount?: unknown }[]).filter(
            (l) =>
              typeof l?.currency === 'string' &&
              /^[A-Z]{3}$/.test(l.currency) &&
              typeof l.amount === 'string' &&
              /^\d{1,20}(\.\d{1,10})?$/.test(l.amount),
          )
        : undefined;
      const members = strings(p.fingerprints ?? [], FP);
      const jurisdictions = strings(p.jurisdictions ?? [], ALPHA2);
      if (
        !tlp ||
        typeof o.name !== 'string' ||
        !count(p.reports) ||
        !members ||
        !jurisdictions ||
        !losses ||
        losses.length !== (lossList as unknown[]).length
      ) {
        out.errors.push({
          id: o.id,
          message: 'a campaign needs a TLP marking, a name and its reports, jurisdictions, losses and fingerprints',
        });
        continue;
      }
      out.campaigns.push({
        stixId: o.id,
        name: o.name.slice(0, 200),
        tlp,
        reports: p.reports,
        jurisdictions,
        scamTypes: strings(p.scam_types) ?? [],
        channels: strings(p.channels) ?? [],
        losses: losses as { currency: string; amount: string }[],
        firstSeen: typeof o.first_seen === 'string' ? o.first_seen : null,
        lastSeen: typeof o.last_seen === 'string' ? o.last_seen : null,
        originCountry: origins.get(o.id) ?? null,
        members,
      });
    } else if (o.type === 'relationship' && o.relationship_type === 'related-to' && p.co_occurrence) {
      const c = p.co_occurrence as Record<string, unknown>;
      const [a, b] = [c.from, c.to];
      if (
        typeof a !== 'string' ||
        typeof b !== 'string' ||
        !FP.test(a) ||
        !FP.test(b) ||
        a === b ||
        !count(c.reports) ||
        !count(c.from_reports) ||
        !count(c.to_reports)
      ) {
        out.errors.push({ id: o.id, message: 'a co-occurrence link needs two different fingerprints and its report counts' });
        continue;
      }
      const flip = a > b;
      out.links.push({
        a: flip ? b : a,
        b: flip ? a : b,
        reports: c.reports,
        aReports: (flip ? c.to_reports : c.from_reports) as number,
        bReports: (flip ? c.from_reports : c.to_reports) as number,
      });
    }
  }
  return out;
}
