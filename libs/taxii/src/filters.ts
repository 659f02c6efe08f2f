import { createHash } from 'node:crypto';
import { ErrorDetail } from '@scamintel/common';
import { TaxiiError } from './taxii-error';
import { formatMicros, parseMicros } from './timestamps';

/** The query parameters of the objects and manifest endpoints (TAXII 2.1 §3.4), as received. */
export interface RawFilters {
  added_after?: string;
  'match[id]'?: string;
  'match[type]'?: string;
  'match[version]'?: string;
  'match[spec_version]'?: string;
}

/** The same, checked and normalised. Absent = no restriction. */
export interface ObjectFilters {
  /** Objects added strictly after this instant (microseconds since the epoch). */
  addedAfter?: bigint;
  ids?: Set<string>;
  types?: Set<string>;
  /** `first`, `last` and `all` select the one version each object has here; timestamps select that version. */
  versions?: { any: boolean; at: Set<bigint> };
  specVersions?: Set<string>;
}

const STIX_TYPE = /^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]$/;
const STIX_ID = /^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SPEC_VERSION = /^\d+\.\d+$/;

/** `<type>--<UUID>`, the form of every STIX identifier. */
export const isStixId = (v: string): boolean => STIX_ID.test(v);
const MAX_VALUES = 100;

function list(
  raw: string | undefined,
  path: string,
  problems: ErrorDetail[],
  valid: (v: string) => boolean,
  what: string,
): string[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (!values.length) problems.push({ path, message: `give one or more ${what}, comma-separated` });
  else if (values.length > MAX_VALUES) problems.push({ path, message: `at most ${MAX_VALUES} values` });
  for (const v of values) if (!valid(v)) problems.push({ path, message: `"${v.slice(0, 80)}" is not ${what}` });
  return values;
}

/** Checks the filter parameters; every problem is reported at once (400). */
export function parseFilters(q: RawFilters): ObjectFilters {
  const problems: ErrorDetail[] = [];
  const out: ObjectFilters = {};
  if (q.added_after !== undefined) {
    out.addedAfter = parseMicros(q.added_after);
    if (out.addedAfter === undefined)
      problems.push({ path: 'added_after', message: 'an RFC 3339 timestamp, e.g. 2026-11-20T02:15:00.123456Z' });
  }
  const ids = list(q['match[id]'], 'match[id]', problems, (v) => STIX_ID.test(v), 'a STIX identifier');
  if (ids) out.ids = new Set(ids);
  const types = list(q['match[type]'], 'match[type]', problems, (v) => STIX_TYPE.test(v), 'a STIX object type');
  if (types) out.types = new Set(types);
  const versions = list(
    q['match[version]'],
    'match[version]',
    problems,
    (v) => ['first', 'last', 'all'].includes(v) || parseMicros(v) !== undefined,
    'first, last, all or a timestamp',
  );
  if (versions) {
    out.versions = {
      any: versions.some((v) => ['first', 'last', 'all'].includes(v)),
      at: new Set(versions.map(parseMicros).filter((v): v is bigint => v !== undefined)),
    };
  }
  const specs = list(q['match[spec_version]'], 'match[spec_version]', problems, (v) => SPEC_VERSION.test(v), 'a STIX version such as 2.1');
  if (specs) out.specVersions = new Set(specs);
  if (problems.length) throw new TaxiiError('validation_failed', 'the request is not valid', problems);
  return out;
}

/**
 * A short digest of the normalised filters. A `next` cursor carries it, so that a cursor is only honoured
 * with the filters that produced it (a cursor is a position in one filtered sequence, not in another).
 */
export function filterKey(f: ObjectFilters): string {
  const canonical = JSON.stringify([
    f.addedAfter === undefined ? null : formatMicros(f.addedAfter),
    f.ids ? [...f.ids].sort() : null,
    f.types ? [...f.types].sort() : null,
    f.versions ? [f.versions.any, [...f.versions.at].map(formatMicros).sort()] : null,
    f.specVersions ? [...f.specVersions].sort() : null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** What the filters judge about one object in a collection. */
export interface Listed {
  id: string;
  type: string;
  specVersion?: string;
  dateAdded: bigint;
  version: bigint;
}

export function matches(o: Listed, f: ObjectFilters): boolean {
  if (f.addedAfter !== undefined && !(o.dateAdded > f.addedAfter)) return false;
  if (f.ids && !f.ids.has(o.id)) return false;
  if (f.types && !f.types.has(o.type)) return false;
  if (f.versions && !f.versions.any && !f.versions.at.has(o.version)) return false;
  if (f.specVersions && !f.specVersions.has(o.specVersion ?? '2.1')) return false;
  return true;
}
