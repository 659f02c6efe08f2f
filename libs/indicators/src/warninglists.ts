import * as fs from 'fs';
import * as path from 'path';
import { Failure } from './errors';
import { DEFAULT_REGION } from './indicator';
import type { NormalizeOptions, NormalizedIndicator } from './indicator';
import { isIndicatorType, type IndicatorType } from '@scamintel/vocabulary';
import { normalizeOutcome, resolveRegion } from './normalize';
import { cleanText } from './text';
import { shortCodeOf } from './types/phone';

/*
 * Warninglists: known-legitimate values (official hotlines, government and bank
 * domains) kept as versioned JSON in <repo>/data/warninglists/*.json:
 *
 *   { "name": "sg-official-hotlines", "version": "2026-11-28", "description": "…",
 *     "type": "phone", "match": "exact" | "domain-and-subdomains",
 *     "values": [ "+65999" | { "value": "+65999", "label": "Police emergency" }, … ] }
 *
 * Values are stored canonical (a unit test checks normalize(v) === v), so loading is a
 * plain Set/Map build. Domain lists match the listed name and every name under it:
 * "dbs.com" covers "www.dbs.com", "gov.sg" covers "police.gov.sg". A URL is matched by
 * its host, an email is not matched (a From: address proves nothing about who sent it).
 *
 * The directory is found by walking up from this file to the first ancestor that has
 * data/warninglists (works from libs/indicators/src under Jest and from
 * dist/libs/indicators/src after a build); reloadWarninglists(dir) loads another folder. The library reads
 * no environment variable: settings belong to the apps' typed configuration.
 */

export interface WarninglistHit {
  list: string;
  version: string;
  description: string;
  /** The entry's own label, when the list gives one ("Police emergency 999"). */
  label?: string;
  /** Set when the value is an official short code: the code as dialled in its region. */
  shortCode?: { code: string; region: string; name: string };
}

export interface WarninglistInfo extends Omit<WarninglistHit, 'label' | 'shortCode'> {
  type: IndicatorType;
  match: 'exact' | 'domain-and-subdomains';
  size: number;
  file: string;
}

interface Loaded {
  lists: WarninglistInfo[];
  exact: Map<string, WarninglistHit>;
  domains: Map<string, WarninglistHit>;
  problems: string[];
}

function findDir(): string | null {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'data', 'warninglists');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Read every *.json list in `dir`. Bad files are skipped and reported in `problems`, never thrown. */
export function loadWarninglists(dir: string | null): Loaded {
  const out: Loaded = { lists: [], exact: new Map(), domains: new Map(), problems: [] };
  if (!dir || !fs.existsSync(dir)) {
    out.problems.push(`warninglist directory not found${dir ? ': ' + dir : ''}`);
    return out;
  }
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      out.problems.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    const { name, version, description, type, values } = doc as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      typeof version !== 'string' ||
      typeof description !== 'string' ||
      !isIndicatorType(type) ||
      !Array.isArray(values)
    ) {
      out.problems.push(`${file}: needs name, version, description, a known type and values[]`);
      continue;
    }
    const byDomain = type === 'domain' && doc.match !== 'exact';
    const list: WarninglistHit = { list: name, version, description };
    let size = 0;
    for (const v of values) {
      const value = typeof v === 'string' ? v : (v as { value?: unknown })?.value;
      if (typeof value !== 'string' || !value) {
        out.problems.push(`${file}: value without a string "value"`);
        continue;
      }
      size++;
      const label = typeof v === 'string' ? undefined : (v as { label?: unknown }).label;
      const key = byDomain ? value : type + '\n' + value;
      const map = byDomain ? out.domains : out.exact;
      if (!map.has(key)) map.set(key, typeof label === 'string' ? { ...list, label } : list);
    }
    out.lists.push({ ...list, type, match: byDomain ? 'domain-and-subdomains' : 'exact', size, file });
  }
  return out;
}

let loaded: Loaded = loadWarninglists(findDir());

/** Replace the loaded lists (tests; a service that hot-reloads its data). */
export function reloadWarninglists(dir?: string): void {
  loaded = loadWarninglists(dir ?? findDir());
}

export function listWarninglists(): readonly WarninglistInfo[] {
  return loaded.lists;
}

export function warninglistProblems(): readonly string[] {
  return loaded.problems;
}

function domainHit(host: string): WarninglistHit | null {
  let h = host;
  for (;;) {
    const hit = loaded.domains.get(h);
    if (hit) return hit;
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
}

/**
 * The warninglist a value is on, or null. Give a normalised indicator, or the raw value as a person typed it with
 * the options of normalize(): the raw form also answers for official short codes, which are not phone values
 * ("112" in KR, "999" in SG: `{ list: 'kr-official-hotlines', …, shortCode: { code: '112', region: 'KR', … } }`).
 */
export function warninglistHit(ind: NormalizedIndicator): WarninglistHit | null;
export function warninglistHit(raw: string, opts?: NormalizeOptions): WarninglistHit | null;
export function warninglistHit(x: NormalizedIndicator | string, opts?: NormalizeOptions): WarninglistHit | null {
  if (typeof x !== 'string') return indicatorHit(x);
  const r = normalizeOutcome(x, opts);
  if (!(r instanceof Failure)) return indicatorHit(r);
  if (r.code !== 'official_short_code') return null;
  const region = resolveRegion(opts?.region);
  const short = shortCodeOf(cleanText(x).trim(), region instanceof Failure ? DEFAULT_REGION : region);
  const hit = short ? loaded.exact.get('phone\n' + short.key) : undefined;
  return short && hit ? { ...hit, shortCode: { code: short.code, region: short.region, name: short.name } } : null;
}

function indicatorHit(ind: NormalizedIndicator): WarninglistHit | null {
  const exact = loaded.exact.get(ind.type + '\n' + ind.value);
  if (exact) return exact;
  if (ind.type === 'domain') return domainHit(ind.value);
  if (ind.type === 'url') {
    const host = ind.attributes.host;
    if (typeof host === 'string' && !host.startsWith('[')) return domainHit(host);
  }
  return null;
}
