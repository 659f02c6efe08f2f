import { Item, Member, Params, serializeMember } from './structured-fields';

/** Header bag as Node, Fastify and fetch users hold it: any case, repeated fields as arrays. */
export type HeaderBag = Record<string, string | string[] | number | undefined>;

export interface HttpRequestParts {
  method: string;
  targetUri: string;
  headers: HeaderBag;
}

export class ComponentError extends Error {}

/** RFC 9421 §2.1: values trimmed, repeated field lines joined with ", ". */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== lower || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [String(v)]) values.push(one.trim().replace(/\s*\r?\n\s*/g, ' '));
  }
  return values.length ? values.join(', ') : undefined;
}

/**
 * The one spelling of a target URI both sides agree on: WHATWG URL serialisation lowercases scheme and host,
 * drops a default port and gives an empty path its "/". A receiver rebuilding the URI from its request line
 * and Host header therefore matches what the sender signed even if either wrote it loosely.
 */
export function normalizeTargetUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ComponentError(`not an absolute URI: ${uri}`);
  }
  url.hash = '';
  return url.href;
}

function derived(name: string, req: HttpRequestParts): string {
  const url = new URL(normalizeTargetUri(req.targetUri));
  switch (name) {
    case '@method':
      return req.method;
    case '@target-uri':
      return url.href;
    case '@authority':
      return url.host;
    case '@scheme':
      return url.protocol.slice(0, -1);
    case '@request-target':
      return `${url.pathname}${url.search}`;
    case '@path':
      return url.pathname || '/';
    case '@query':
      return url.search || '?';
    default:
      throw new ComponentError(`unsupported derived component ${name}`);
  }
}

/** Value of one covered component; component parameters (sf, bs, key, req, name, tr) are not supported. */
export function componentValue(req: HttpRequestParts, component: Item): string {
  if (typeof component.value !== 'string') throw new ComponentError('component identifier must be an sf-string');
  if (component.params.size) throw new ComponentError(`component parameters are not supported: ${serializeMember(component)}`);
  const name = component.value;
  if (name.startsWith('@')) return derived(name, req);
  if (name !== name.toLowerCase()) throw new ComponentError(`field names must be lower case: ${name}`);
  const value = headerValue(req.headers, name);
  if (value === undefined) throw new ComponentError(`covered field missing: ${name}`);
  return value;
}

/** RFC 9421 §2.5 signature base, and the serialised @signature-params that also goes into Signature-Input. */
export function signatureBase(req: HttpRequestParts, covered: Item[], params: Params): { base: string; signatureParams: string } {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of covered) {
    const id = serializeMember(c);
    if (seen.has(id)) throw new ComponentError(`component listed twice: ${id}`);
    seen.add(id);
    lines.push(`${id}: ${componentValue(req, c)}`);
  }
  const inner: Member = { items: covered, params };
  const signatureParams = serializeMember(inner);
  lines.push(`"@signature-params": ${signatureParams}`);
  return { base: lines.join('\n'), signatureParams };
}
