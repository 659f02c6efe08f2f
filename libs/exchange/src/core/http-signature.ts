import { KeyObject, randomBytes, sign, verify } from 'crypto';
import { AUDIT_HEAD_COMPONENT, AUDIT_HEAD_HEADER, AuditHead, formatAuditHead, parseAuditHead } from './audit-head';
import { contentDigest, verifyContentDigest } from './content-digest';
import { ComponentError, HeaderBag, headerValue, signatureBase } from './signature-base';
import { Item, Params, StructuredFieldError, isInnerList, parseDictionary } from './structured-fields';

export { contentDigest, verifyContentDigest };

export interface SignRequestInput {
  method: string;
  targetUri: string;
  body?: Buffer | string;
  headers?: HeaderBag;
  keyId: string;
  privateKey: KeyObject;
  /** Unix seconds; defaults to now. */
  created?: number;
  nonce?: string;
  label?: string;
  /** The sender's own audit head, sent as a signed Audit-Head header so the receiver can witness it. */
  auditHead?: AuditHead;
}

const str = (value: string): Item => ({ value, params: new Map() });
const hasBody = (body: Buffer | string | undefined): body is Buffer | string => body !== undefined && body.length > 0;

/** Headers to add to the request: Content-Digest (with a body), Audit-Head (when given), Signature-Input, Signature. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const added: Record<string, string> = {};
  const covered = [str('@method'), str('@target-uri')];
  if (hasBody(input.body)) {
    added['Content-Digest'] = contentDigest(input.body);
    covered.push(str('content-digest'));
  }
  if (input.auditHead) {
    added[AUDIT_HEAD_HEADER] = formatAuditHead(input.auditHead);
    covered.push(str(AUDIT_HEAD_COMPONENT));
  }
  const params: Params = new Map<string, string | number>([
    ['created', input.created ?? Math.floor(Date.now() / 1000)],
    ['nonce', input.nonce ?? randomBytes(16).toString('base64url')],
    ['keyid', input.keyId],
    ['alg', 'ed25519'],
  ]);
  const headers = { ...(input.headers ?? {}), ...added };
  const { base, signatureParams } = signatureBase({ method: input.method, targetUri: input.targetUri, headers }, covered, params);
  const label = input.label ?? 'sig1';
  const signature = sign(null, Buffer.from(base, 'utf8'), input.privateKey).toString('base64');
  return { ...added, 'Signature-Input': `${label}=${signatureParams}`, Signature: `${label}=:${signature}:` };
}

export type VerifyFailureReason =
  'missing_signature' | 'malformed_signature' | 'unknown_key' | 'bad_digest' | 'stale' | 'replay' | 'bad_signature' | 'missing_components';

export type VerifyRequestResult =
  | { ok: true; keyId: string; nonce: string; created: number; label: string; components: string[]; auditHead?: AuditHead }
  | { ok: false; reason: VerifyFailureReason; detail: string };

export interface VerifyRequestInput {
  method: string;
  targetUri: string;
  headers: HeaderBag;
  body?: Buffer | string;
  resolveKey: (keyId: string) => KeyObject | undefined;
  /** Returns true if this (keyid, nonce) was seen before, and remembers it. Called only for otherwise valid requests. */
  seenNonce: (keyId: string, nonce: string) => boolean;
  now?: Date | number;
  maxSkewSeconds?: number;
  /** Which Signature-Input member to check; defaults to the first signed one whose keyid resolves, else the first signed one. */
  label?: string;
  /** The exchange profile; relaxed only to check foreign test vectors. content-digest is always required with a body. */
  requiredComponents?: string[];
  requiredParams?: string[];
}

const PROFILE_COMPONENTS = ['@method', '@target-uri'];
const PROFILE_PARAMS = ['created', 'keyid', 'nonce'];
const PARAM_TYPES: Record<string, 'number' | 'string'> = {
  created: 'number',
  expires: 'number',
  keyid: 'string',
  nonce: 'string',
  alg: 'string',
  tag: 'string',
};

class Rejection extends Error {
  constructor(
    readonly reason: VerifyFailureReason,
    detail: string,
  ) {
    super(detail);
  }
}

function pickMember(input: VerifyRequestInput): { label: string; covered: Item[]; params: Params; signature: Buffer } {
  const sigInput = headerValue(input.headers, 'signature-input');
  const sigHeader = headerValue(input.headers, 'signature');
  if (!sigInput || !sigHeader) throw new Rejection('missing_signature', 'Signature-Input and Signature are both required');
  let inputs, signatures;
  try {
    inputs = parseDictionary(sigInput);
    signatures = parseDictionary(sigHeader);
  } catch (e) {
    if (e instanceof StructuredFieldError) throw new Rejection('malformed_signature', e.message);
    throw e;
  }
  // Intermediaries may add their own signatures; without a label, prefer the member signed by a key we know.
  const candidates = [...inputs.keys()].filter((l) => signatures.has(l));
  const keyOf = (l: string) => {
    const m = inputs.get(l)!;
    const k = m.params.get('keyid');
    return typeof k === 'string' ? k : undefined;
  };
  const label = input.label ?? candidates.find((l) => keyOf(l) !== undefined && input.resolveKey(keyOf(l)!)) ?? candidates[0];
  if (label === undefined || !inputs.has(label) || !signatures.has(label))
    throw new Rejection('missing_signature', `no signature labelled ${label ?? '(any)'}`);
  const member = inputs.get(label)!;
  const sig = signatures.get(label)!;
  if (!isInnerList(member) || member.items.some((c) => typeof c.value !== 'string'))
    throw new Rejection('malformed_signature', 'Signature-Input member is not an inner list of strings');
  if (isInnerList(sig) || !(sig.value instanceof Uint8Array))
    throw new Rejection('malformed_signature', 'Signature member is not a byte sequence');
  for (const [k, v] of member.params) {
    if (PARAM_TYPES[k] && typeof v !== PARAM_TYPES[k]) throw new Rejection('malformed_signature', `parameter ${k} has the wrong type`);
  }
  return { label, covered: member.items, params: member.params, signature: Buffer.from(sig.value) };
}

function checkProfile(input: VerifyRequestInput, covered: Item[], params: Params): void {
  const names = covered.map((c) => c.value as string);
  const required = [...(input.requiredComponents ?? PROFILE_COMPONENTS), ...(hasBody(input.body) ? ['content-digest'] : [])];
  const missing = required.filter((r) => !names.includes(r));
  const missingParams = (input.requiredParams ?? PROFILE_PARAMS).filter((p) => !params.has(p));
  if (missing.length || missingParams.length)
    throw new Rejection('missing_components', `not covered: ${[...missing, ...missingParams].join(', ')}`);
  const alg = params.get('alg');
  if (alg !== undefined && alg !== 'ed25519') throw new Rejection('malformed_signature', `unsupported alg ${String(alg)}`);
}

function verifyOrThrow(input: VerifyRequestInput): Extract<VerifyRequestResult, { ok: true }> {
  const { label, covered, params, signature } = pickMember(input);
  checkProfile(input, covered, params);
  const keyId = (params.get('keyid') as string | undefined) ?? '';
  const key = input.resolveKey(keyId);
  if (!key || key.asymmetricKeyType !== 'ed25519') throw new Rejection('unknown_key', `no Ed25519 key for keyid ${keyId}`);
  const digestHeader = headerValue(input.headers, 'content-digest');
  // A signed digest proves nothing unless the bytes it digests are checked too.
  if (input.body === undefined && covered.some((c) => c.value === 'content-digest'))
    throw new Rejection('bad_digest', 'content-digest is signed but no body was given to check it against');
  if (hasBody(input.body) || (digestHeader !== undefined && input.body !== undefined)) {
    if (!verifyContentDigest(digestHeader, input.body!)) throw new Rejection('bad_digest', 'Content-Digest does not match the body');
  }
  let base: string;
  try {
    base = signatureBase(input, covered, params).base;
  } catch (e) {
    if (e instanceof ComponentError || e instanceof StructuredFieldError) throw new Rejection('bad_signature', e.message);
    throw e;
  }
  if (signature.length !== 64 || !verify(null, Buffer.from(base, 'utf8'), key, signature))
    throw new Rejection('bad_signature', 'signature does not verify');

  const now = Math.floor((input.now === undefined ? Date.now() : Number(input.now)) / 1000);
  const created = params.get('created') as number | undefined;
  const expires = params.get('expires') as number | undefined;
  const skew = input.maxSkewSeconds ?? 300;
  if (created !== undefined && Math.abs(now - created) > skew)
    throw new Rejection('stale', `created ${created} is ${now - created}s from now`);
  if (expires !== undefined && now > expires) throw new Rejection('stale', `expired at ${expires}`);

  const nonce = (params.get('nonce') as string | undefined) ?? '';
  if (nonce && input.seenNonce(keyId, nonce)) throw new Rejection('replay', `nonce ${nonce} seen before`);

  const components = covered.map((c) => c.value as string);
  const auditHead = components.includes(AUDIT_HEAD_COMPONENT)
    ? parseAuditHead(headerValue(input.headers, AUDIT_HEAD_COMPONENT))
    : undefined;
  if (components.includes(AUDIT_HEAD_COMPONENT) && !auditHead)
    throw new Rejection('malformed_signature', 'Audit-Head is signed but malformed');
  return { ok: true, keyId, nonce, created: created ?? 0, label, components, ...(auditHead ? { auditHead } : {}) };
}

/** RFC 9421 verification with the exchange profile: checks run cheapest-first, the nonce store is touched last. */
export function verifyRequest(input: VerifyRequestInput): VerifyRequestResult {
  try {
    return verifyOrThrow(input);
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, reason: e.reason, detail: e.message };
    throw e;
  }
}
