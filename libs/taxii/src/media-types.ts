/** TAXII 2.1 §1.6.8: the one media type of every TAXII resource this server answers with. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** The media type of the STIX objects in collections (collection `media_types`, manifest `media_type`). */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
}

function parseRange(text: string): MediaRange | undefined {
  const [essence, ...rawParams] = text.split(';');
  const m = /^\s*([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)\s*$/i.exec(essence ?? '');
  if (!m) return undefined;
  const params = new Map<string, string>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const value = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    params.set(p.slice(0, eq).trim().toLowerCase(), value);
  }
  return { type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), params };
}

const isTaxii = (r: MediaRange) => r.type === 'application' && r.subtype === 'taxii+json';
/** A TAXII media type without `version` means the latest this server speaks (2.1). */
const isVersion21 = (r: MediaRange) => !r.params.has('version') || r.params.get('version') === '2.1';

/**
 * Whether an Accept header admits `application/taxii+json;version=2.1`: `*\/*`, `application/*`,
 * `application/taxii+json` and the same with `;version=2.1`, unless given `q=0`. No Accept header at all
 * accepts anything (RFC 9110 §12.5.1). `application/json` alone, or another TAXII version, does not.
 */
export function acceptsTaxii(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (header === undefined || header.trim() === '') return true;
  for (const part of header.split(',')) {
    const r = parseRange(part);
    if (!r) continue;
    const q = r.params.get('q');
    if (q !== undefined && !(Number(q) > 0)) continue;
    if (r.type === '*' && r.subtype === '*') return true;
    if (r.type === 'application' && r.subtype === '*') return true;
    if (isTaxii(r) && isVersion21(r)) return true;
  }
  return false;
}

/** Whether a request Content-Type is the TAXII 2.1 media type (the version parameter may be left out). */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const r = parseRange(contentType);
  return !!r && isTaxii(r) && isVersion21(r);
}
