import * as crypto from 'crypto';

/** One-shot digest where Node has it (≥ 20.12): one native call per fingerprint. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export const INDICATOR_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const VERDICTS = ['scam', 'suspicious', 'unknown', 'legitimate'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ExchangeIndicator {
  fingerprint: string; // hex sha256 of type+"\n"+value (CONTRACT §5)
  type: 'phone' | 'url' | 'domain' | 'email' | 'ip' | 'bank_account' | 'crypto_wallet' | 'social_handle';
  value: string; // canonical value, or the HMAC pseudonym (hex) when pseudonymised
  pseudonymised: boolean;
  tlp: Tlp;
  confidence: number; // 0–100
  verdict: 'scam' | 'suspicious' | 'unknown' | 'legitimate';
  revoked: boolean; // e.g. resolved legitimate by an appeal → STIX `revoked: true`
  firstSeen: string;
  lastSeen: string; // ISO
  sightings: number; // reports count in the sender's jurisdiction
  reporters: number;
  scamTypes: string[];
  attributes: Record<string, unknown>;
  narratives?: string[]; // only when policy.shareNarrative
  modified: string; // ISO, last change (used for STIX `modified`)
}

export interface NodeIdentity {
  nodeId: string;
  jurisdiction: string;
  name?: string;
}

/**
 * CONTRACT §5: lower-case hex SHA-256 of `type + "\n" + value`. For a pseudonymised indicator `value` is the
 * pseudonym, so the fingerprint is computed over it too and reveals nothing the pseudonym does not.
 */
export function fingerprintOf(type: IndicatorType, value: string): string {
  const text = `${type}\n${value}`;
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export const isIndicatorType = (v: unknown): v is IndicatorType => (INDICATOR_TYPES as readonly unknown[]).includes(v);
