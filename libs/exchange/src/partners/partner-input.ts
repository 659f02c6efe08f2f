import { ErrorDetail } from '@scamintel/common';
import { MIN_PSEUDONYM_KEY_BYTES, PartnerPolicy, exportPublicKeyPem, jwkThumbprint, loadPublicKeyPem } from '../core';
import { INDICATOR_TYPES, IndicatorType, SHAREABLE_TLPS } from '@scamintel/vocabulary';

/** The body of POST /v1/admin/partners and the file of `partners:add` (CONTRACT §7). */
export interface PartnerInput {
  nodeId: string;
  jurisdiction: string;
  /** Normalised: no trailing slash, no query or fragment. */
  baseUrl: string;
  /** Normalised SPKI PEM. */
  publicKey: string;
  keyId: string;
  policy: PartnerPolicy;
  pseudonymKey?: string;
  /** How this node exchanges with the partner: pushes to its inbox, pulls its outbox, or both (CONTRACT §7). */
  mode: ExchangeMode;
}

export const EXCHANGE_MODES = ['push', 'pull', 'both'] as const;
export type ExchangeMode = (typeof EXCHANGE_MODES)[number];

const TOP = ['nodeId', 'jurisdiction', 'baseUrl', 'publicKey', 'policy', 'pseudonymKey', 'mode'];
const POLICY = ['maxTlp', 'types', 'minConfidence', 'pseudonymise', 'shareNarrative'];
const NODE_ID = /^[a-z0-9-]{2,32}$/;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function typeList(v: unknown, path: string, problems: ErrorDetail[]): IndicatorType[] {
  if (!Array.isArray(v)) {
    problems.push({ path, message: `must be a list of ${INDICATOR_TYPES.join('|')}` });
    return [];
  }
  v.forEach((t, i) => {
    if (!(INDICATOR_TYPES as readonly unknown[]).includes(t))
      problems.push({ path: `${path}[${i}]`, message: `must be one of ${INDICATOR_TYPES.join('|')}` });
  });
  if (new Set(v).size !== v.length) problems.push({ path, message: 'lists a type twice' });
  return v as IndicatorType[];
}

function parsePolicy(v: unknown, problems: ErrorDetail[]): PartnerPolicy {
  if (!isObject(v)) {
    problems.push({ path: 'policy', message: 'must be an object' });
    return undefined as never;
  }
  for (const k of Object.keys(v)) if (!POLICY.includes(k)) problems.push({ path: `policy.${k}`, message: 'unknown field' });
  for (const k of POLICY) if (v[k] === undefined) problems.push({ path: `policy.${k}`, message: 'required' });
  if (v.maxTlp !== undefined && !(SHAREABLE_TLPS as readonly unknown[]).includes(v.maxTlp))
    problems.push({ path: 'policy.maxTlp', message: 'must be clear, green or amber (red and amber+strict never leave a node)' });
  const types = v.types === undefined ? [] : typeList(v.types, 'policy.types', problems);
  const pseudonymise = v.pseudonymise === undefined ? [] : typeList(v.pseudonymise, 'policy.pseudonymise', problems);
  if (
    v.minConfidence !== undefined &&
    (!Number.isInteger(v.minConfidence) || (v.minConfidence as number) < 0 || (v.minConfidence as number) > 100)
  ) {
    problems.push({ path: 'policy.minConfidence', message: 'must be an integer from 0 to 100' });
  }
  if (v.shareNarrative !== undefined && typeof v.shareNarrative !== 'boolean')
    problems.push({ path: 'policy.shareNarrative', message: 'must be true or false' });
  return {
    maxTlp: v.maxTlp as PartnerPolicy['maxTlp'],
    types,
    minConfidence: v.minConfidence as number,
    pseudonymise,
    shareNarrative: v.shareNarrative as boolean,
  };
}

function parseBaseUrl(v: unknown, problems: ErrorDetail[]): string {
  if (typeof v !== 'string') {
    problems.push({ path: 'baseUrl', message: 'must be an http(s) URL' });
    return '';
  }
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    if (u.search || u.hash || u.username || u.password) {
      problems.push({ path: 'baseUrl', message: 'must not carry a query, fragment or credentials' });
      return '';
    }
    return u.href.replace(/\/+$/, '');
  } catch {
    problems.push({ path: 'baseUrl', message: 'must be an http(s) URL' });
    return '';
  }
}

/**
 * Checks a partner registration completely (every problem, with its path) and normalises it. Used by the
 * admin route and by the CLI, so both accept exactly the same documents. Unknown fields are errors.
 */
export function parsePartnerInput(body: unknown, ownNodeId: string): { value?: PartnerInput; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  if (!isObject(body)) return { problems: [{ path: '', message: 'must be a JSON object' }] };
  for (const k of Object.keys(body)) if (!TOP.includes(k)) problems.push({ path: k, message: 'unknown field' });
  for (const k of ['nodeId', 'jurisdiction', 'baseUrl', 'publicKey', 'policy'])
    if (body[k] === undefined) problems.push({ path: k, message: 'required' });

  const nodeId = body.nodeId;
  if (nodeId !== undefined && (typeof nodeId !== 'string' || !NODE_ID.test(nodeId)))
    problems.push({ path: 'nodeId', message: 'must match [a-z0-9-]{2,32}' });
  else if (nodeId === ownNodeId) problems.push({ path: 'nodeId', message: 'is this node itself' });
  if (body.jurisdiction !== undefined && (typeof body.jurisdiction !== 'string' || !/^[A-Z]{2}$/.test(body.jurisdiction))) {
    problems.push({ path: 'jurisdiction', message: 'must be an ISO 3166-1 alpha-2 code' });
  }
  const baseUrl = body.baseUrl === undefined ? '' : parseBaseUrl(body.baseUrl, problems);
  let publicKey = '';
  let keyId = '';
  if (body.publicKey !== undefined) {
    try {
      // createPublicKey also takes a private key and yields its public half: refuse that, a private key pasted
      // here is a key to be revoked, not registered.
      if (typeof body.publicKey !== 'string' || /PRIVATE KEY/.test(body.publicKey)) throw new Error('not a public key');
      const key = loadPublicKeyPem(body.publicKey);
      publicKey = exportPublicKeyPem(key);
      keyId = jwkThumbprint(key);
    } catch {
      problems.push({ path: 'publicKey', message: "must be an Ed25519 public key in SPKI PEM (the partner's GET /v1/exchange/identity)" });
    }
  }
  const policy = body.policy === undefined ? undefined : parsePolicy(body.policy, problems);
  const pseudonymKey = body.pseudonymKey;
  if (
    pseudonymKey !== undefined &&
    (typeof pseudonymKey !== 'string' || Buffer.byteLength(pseudonymKey, 'utf8') < MIN_PSEUDONYM_KEY_BYTES || pseudonymKey.length > 512)
  ) {
    problems.push({
      path: 'pseudonymKey',
      message: `must be a string of at least ${MIN_PSEUDONYM_KEY_BYTES} bytes (both nodes enter the same one)`,
    });
  }
  if (policy?.pseudonymise?.length && pseudonymKey === undefined) {
    problems.push({ path: 'pseudonymKey', message: 'required when policy.pseudonymise is not empty' });
  }
  if (body.mode !== undefined && !(EXCHANGE_MODES as readonly unknown[]).includes(body.mode))
    problems.push({ path: 'mode', message: `must be one of ${EXCHANGE_MODES.join('|')} (default push)` });
  if (problems.length) return { problems };
  return {
    value: {
      nodeId: nodeId as string,
      jurisdiction: body.jurisdiction as string,
      baseUrl,
      publicKey,
      keyId,
      policy: policy!,
      mode: (body.mode as ExchangeMode | undefined) ?? 'push',
      ...(pseudonymKey !== undefined ? { pseudonymKey: pseudonymKey as string } : {}),
    },
    problems,
  };
}
