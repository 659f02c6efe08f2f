/**
 * The crypto of a minimal exchange partner written from ../shared/CONTRACT.md §7 and the standards it names —
 * RFC 9421 (HTTP Message Signatures), RFC 9530 (Content-Digest), RFC 7638 (JWK thumbprint), RFC 8785 (JCS) — with
 * node:crypto only. It deliberately shares no code with libs/exchange: a second implementation shows the node speaks
 * the contract, not just to itself.
 */
import { KeyObject, createHash, randomBytes, sign, verify } from 'node:crypto';
import * as http from 'node:http';

/** TLP 2.0 marking definitions (OASIS STIX 2.1 TLP 2.0 extension). */
export const TLP2 = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
};

export interface Head {
  seq: number;
  hash: string;
}

/** RFC 8785 for the JSON a receipt holds (objects, strings, integers): members sorted by UTF-16 code units. */
export function jcs(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`)
    .join(',')}}`;
}

/** RFC 7638 thumbprint of an Ed25519 public key: SHA-256 over {"crv","kty","x"}, base64url. */
export function thumbprint(key: KeyObject): string {
  const { x } = key.export({ format: 'jwk' }) as { x: string };
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** RFC 9530 Content-Digest with sha-256. */
export const digestOf = (body: Buffer | string) => `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;

/** The RFC 9421 signature base of the covered components, ending with @signature-params. */
function signatureBase(components: string[], params: string, value: (c: string) => string): string {
  const lines = components.map((c) => `"${c}": ${value(c)}`);
  lines.push(`"@signature-params": (${components.map((c) => `"${c}"`).join(' ')})${params}`);
  return lines.join('\n');
}

interface Parsed {
  label: string;
  components: string[];
  params: Record<string, string | number>;
  raw: string;
}

/** Signature-Input of one signature: `label=("c1" "c2");created=1;keyid="k";…` (RFC 8941 dictionary member). */
function parseSignatureInput(header: string): Parsed | undefined {
  const m = /^\s*([a-z*][a-z0-9_.*-]*)=\(([^)]*)\)(.*)$/.exec(header);
  if (!m) return undefined;
  const components = [...m[2].matchAll(/"([^"]*)"/g)].map((c) => c[1]);
  const params: Record<string, string | number> = {};
  for (const p of m[3].matchAll(/;([a-z*][a-z0-9_.*-]*)=("(?:[^"\\]|\\.)*"|-?\d+)/g)) {
    params[p[1]] = p[2].startsWith('"') ? p[2].slice(1, -1).replace(/\\(.)/g, '$1') : Number(p[2]);
  }
  return { label: m[1], components, params, raw: `(${m[2]})${m[3]}` };
}

export interface SignedParts {
  method: string;
  targetUri: string;
  headers: Record<string, string>;
}

/** Signs a request: @method, @target-uri, content-digest with a body, and Audit-Head when given. */
export function signRequest(
  key: { privateKey: KeyObject; keyId: string },
  method: string,
  targetUri: string,
  body?: Buffer,
  auditHead?: Head,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const components = ['@method', '@target-uri'];
  if (body) {
    headers['content-digest'] = digestOf(body);
    components.push('content-digest');
  }
  if (auditHead) {
    headers['audit-head'] = `seq=${auditHead.seq}, hash="${auditHead.hash}"`;
    components.push('audit-head');
  }
  const params = `;created=${Math.floor(Date.now() / 1000)};nonce="${randomBytes(16).toString('base64url')}";keyid="${key.keyId}";alg="ed25519"`;
  const base = signatureBase(components, params, (c) => (c === '@method' ? method : c === '@target-uri' ? targetUri : headers[c]));
  headers['signature-input'] = `sig1=(${components.map((c) => `"${c}"`).join(' ')})${params}`;
  headers['signature'] = `sig1=:${sign(null, Buffer.from(base), key.privateKey).toString('base64')}:`;
  return headers;
}

/** Why a request the peer received is refused, or undefined when its signature holds. */
export function verifyRequest(
  req: { method: string; targetUri: string; headers: http.IncomingHttpHeaders; body: Buffer },
  publicKey: KeyObject,
  seen: Set<string>,
): string | undefined {
  const input = req.headers['signature-input'];
  const sig = req.headers['signature'];
  if (typeof input !== 'string' || typeof sig !== 'string') return 'missing signature';
  const parsed = parseSignatureInput(input);
  if (!parsed) return 'malformed Signature-Input';
  const value = new RegExp(`(?:^|,)\\s*${parsed.label}=:([A-Za-z0-9+/=]+):`).exec(sig)?.[1];
  if (!value) return 'no signature for the label';
  const needed = ['@method', '@target-uri', ...(req.body.length ? ['content-digest'] : [])];
  if (needed.some((c) => !parsed.components.includes(c))) return 'required components not covered';
  if (parsed.params.alg !== 'ed25519' || parsed.params.keyid !== thumbprint(publicKey)) return 'unknown key';
  if (Math.abs(Date.now() / 1000 - Number(parsed.params.created)) > 300) return 'stale';
  if (req.body.length && req.headers['content-digest'] !== digestOf(req.body)) return 'digest mismatch';
  const header = (c: string) => {
    const h = req.headers[c];
    return (Array.isArray(h) ? h.join(', ') : (h ?? '')).trim();
  };
  const base = parsed.components
    .map((c) => `"${c}": ${c === '@method' ? req.method : c === '@target-uri' ? req.targetUri : header(c)}`)
    .concat(`"@signature-params": ${parsed.raw}`)
    .join('\n');
  if (!verify(null, Buffer.from(base), publicKey, Buffer.from(value, 'base64'))) return 'bad signature';
  const nonce = String(parsed.params.nonce);
  if (seen.has(nonce)) return 'replay';
  seen.add(nonce);
  return undefined;
}

/** The Audit-Head a signed request carried (`seq=<int>, hash="<hex>"`), if any. */
export function auditHeadOf(headers: http.IncomingHttpHeaders): Head | undefined {
  const h = headers['audit-head'];
  if (typeof h !== 'string') return undefined;
  const seq = /(?:^|,)\s*seq=(\d+)/.exec(h)?.[1];
  const hash = /(?:^|,)\s*hash="([0-9a-f]{64})"/.exec(h)?.[1];
  return seq && hash ? { seq: Number(seq), hash } : undefined;
}
