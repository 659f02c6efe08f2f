import * as crypto from 'node:crypto';
import type { IndicatorType } from './indicator-types';

// crypto.hash (one-shot) skips the Hash object: one native call per fingerprint.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * CONTRACT §5: lower-case hex SHA-256 of the UTF-8 bytes of `type + "\n" + value`, the identity of an indicator on
 * every node. For a pseudonymised indicator `value` is the pseudonym, so the fingerprint reveals nothing more.
 */
export function fingerprint(type: IndicatorType, value: string): string {
  const data = type + '\n' + value;
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data, 'utf8').digest('hex');
}

export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;
export const isFingerprint = (v: unknown): v is string => typeof v === 'string' && FINGERPRINT_PATTERN.test(v);
