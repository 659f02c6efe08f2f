import { ExchangeIndicator } from '../indicator';
import { SCAMINTEL_PROPERTIES_EXT } from './extensions';
import { valueOfComparisons } from './observables';
import { PatternError, parsePattern } from './pattern';
import { stixTimestamp } from './timestamps';
import { tlpOfObject } from './tlp';
import { StixObject } from './types';
import { VERDICTS, Verdict, fingerprint } from '@scamintel/vocabulary';

export interface StixSender {
  /** STIX id of the sender identity. */
  id: string;
  nodeId?: string;
  jurisdiction?: string;
  name?: string;
}

export interface StixReadError {
  id?: string;
  message: string;
}

export interface FromStixResult {
  sender?: StixSender;
  indicators: ExchangeIndicator[];
  errors: StixReadError[];
}

const VERDICT_FROM_TYPES: Record<string, Verdict> = {
  'malicious-activity': 'scam',
  'anomalous-activity': 'suspicious',
  benign: 'legitimate',
  unknown: 'unknown',
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const ext = (o: StixObject): Record<string, unknown> | undefined => {
  const e = isObj(o.extensions) ? o.extensions[SCAMINTEL_PROPERTIES_EXT] : undefined;
  return isObj(e) ? e : undefined;
};
const newer = (a: StixObject, b: StixObject) => String(b.modified ?? '') > String(a.modified ?? '');

class Reject extends Error {}

function findSender(objects: StixObject[], errors: StixReadError[]): StixSender | undefined {
  const nodes = objects.filter((o) => o.type === 'identity' && typeof ext(o)?.node_id === 'string');
  const ids = new Set(nodes.map((o) => o.id));
  if (ids.size > 1) errors.push({ message: `more than one sending node identity: ${[...ids].join(', ')}` });
  if (ids.size !== 1) {
    // A bundle from a plain STIX producer: the sender is whoever created the indicators, if that is one identity.
    const creators = new Set(objects.filter((o) => o.type === 'indicator').map((o) => o.created_by_ref));
    const [only] = creators;
    return creators.size === 1 && typeof only === 'string' && ids.size === 0 ? { id: only } : undefined;
  }
  const o = nodes.reduce((a, b) => (newer(a, b) ? b : a));
  const e = ext(o)!;
  return {
    id: o.id,
    nodeId: e.node_id as string,
    ...(typeof e.jurisdiction === 'string' ? { jurisdiction: e.jurisdiction } : {}),
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
  };
}

function timestamp(v: unknown, what: string): string {
  const t = typeof v === 'string' ? stixTimestamp(v) : undefined;
  if (!t) throw new Reject(`${what} is not a timestamp`);
  return t;
}

function readIndicator(o: StixObject, sighting: StixObject | undefined, sender: StixSender | undefined): ExchangeIndicator {
  if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string') throw new Reject('pattern_type is not stix');
  if (sender && o.created_by_ref !== sender.id) throw new Reject(`created by ${String(o.created_by_ref)}, not the sender`);
  let parsed;
  try {
    parsed = valueOfComparisons(parsePattern(o.pattern));
  } catch (e) {
    if (e instanceof PatternError) throw new Reject(`pattern: ${e.message}`);
    throw e;
  }
  if (!parsed) throw new Reject('pattern is not over an observable the exchange knows');
  const tlp = tlpOfObject(o);
  if (!tlp) throw new Reject('no TLP marking');
  const e = ext(o) ?? {};
  if (e.indicator_type !== undefined && e.indicator_type !== parsed.type) throw new Reject('indicator_type disagrees with the pattern');
  if (e.pseudonymised !== undefined && e.pseudonymised !== parsed.pseudonymised)
    throw new Reject('pseudonymised disagrees with the pattern');
  const fp = fingerprint(parsed.type, parsed.value);
  if (e.fingerprint !== undefined && e.fingerprint !== fp) throw new Reject('fingerprint does not match the value');

  const typeVerdict = Array.isArray(o.indicator_types)
    ? o.indicator_types.map((t) => VERDICT_FROM_TYPES[t as string]).find(Boolean)
    : undefined;
  const verdict: Verdict = (VERDICTS as readonly unknown[]).includes(e.verdict) ? (e.verdict as Verdict) : (typeVerdict ?? 'unknown');
  const confidence =
    Number.isInteger(o.confidence) && (o.confidence as number) >= 0 && (o.confidence as number) <= 100 ? (o.confidence as number) : 0;
  const modified = timestamp(o.modified, 'modified');
  const firstSeen =
    sighting?.first_seen !== undefined ? timestamp(sighting.first_seen, 'first_seen') : timestamp(o.valid_from, 'valid_from');
  const lastSeen = sighting?.last_seen !== undefined ? timestamp(sighting.last_seen, 'last_seen') : modified;
  const count = sighting?.count;
  const narratives =
    Array.isArray(e.narratives) && e.narratives.every((n) => typeof n === 'string') ? (e.narratives as string[]) : undefined;
  return {
    fingerprint: fp,
    type: parsed.type,
    value: parsed.value,
    pseudonymised: parsed.pseudonymised,
    tlp,
    confidence,
    verdict,
    revoked: o.revoked === true,
    firstSeen,
    lastSeen,
    sightings: Number.isInteger(count) && (count as number) >= 0 ? (count as number) : 0,
    reporters: Number.isInteger(e.reporters) && (e.reporters as number) >= 0 ? (e.reporters as number) : 0,
    scamTypes: Array.isArray(o.labels) ? o.labels.filter((l): l is string => typeof l === 'string') : [],
    attributes: isObj(e.attributes) ? e.attributes : {},
    ...(narratives?.length ? { narratives } : {}),
    modified,
  };
}

/** The inverse of toStixBundle. Object order does not matter; an indicator missing what we need is reported, not guessed. */
export function fromStixBundle(bundle: unknown): FromStixResult {
  const errors: StixReadError[] = [];
  if (!isObj(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    return { indicators: [], errors: [{ message: 'not a STIX bundle' }] };
  }
  const objects = bundle.objects.filter((o, i): o is StixObject => {
    const ok = isObj(o) && typeof o.type === 'string' && typeof o.id === 'string';
    if (!ok) errors.push({ message: `objects[${i}] is not a STIX object` });
    return ok;
  });
  const sender = findSender(objects, errors);

  // Several versions of one object may arrive together; the latest `modified` wins.
  const latest = new Map<string, StixObject>();
  for (const o of objects) if (!latest.has(o.id) || newer(latest.get(o.id)!, o)) latest.set(o.id, o);
  const sightingOf = new Map<string, StixObject>();
  for (const o of latest.values()) {
    if (o.type !== 'sighting' || typeof o.sighting_of_ref !== 'string') continue;
    if (sender && o.created_by_ref !== sender.id) continue;
    if (!sightingOf.has(o.sighting_of_ref) || newer(sightingOf.get(o.sighting_of_ref)!, o)) sightingOf.set(o.sighting_of_ref, o);
  }

  const indicators: ExchangeIndicator[] = [];
  for (const o of latest.values()) {
    if (o.type !== 'indicator') continue;
    try {
      indicators.push(readIndicator(o, sightingOf.get(o.id), sender));
    } catch (e) {
      if (!(e instanceof Reject)) throw e;
      errors.push({ id: o.id, message: e.message });
    }
  }
  return { ...(sender ? { sender } : {}), indicators, errors };
}
