import * as crypto from 'crypto';
import type { IndicatorType } from './indicator';

// crypto.hash (one-shot) skips the Hash object; it exists from Node 20.12 on.
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** Lower-case hex SHA-256 of the UTF-8 bytes of `type + "\n" + value`: the identity of an indicator on every node. */
export function fingerprint(type: IndicatorType, value: string): string {
  const data = type + '\n' + value;
  if (oneShot) return oneShot('sha256', data, 'hex');
  return crypto.createHash('sha256').update(data, 'utf8').digest('hex');
}
