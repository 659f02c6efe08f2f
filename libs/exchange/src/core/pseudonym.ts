import { createHmac } from 'crypto';

/** Below this the key could be guessed; phone numbers and account numbers are enumerable, so only the key protects them. */
export const MIN_PSEUDONYM_KEY_BYTES = 16;

/**
 * CONTRACT §7: HMAC-SHA256(bilateral key, canonical value), lower-case hex. A string key is used as its UTF-8
 * bytes, so both admins must enter the same string.
 */
export function pseudonym(key: Buffer | string, value: string): string {
  const k = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (k.length < MIN_PSEUDONYM_KEY_BYTES) throw new RangeError(`pseudonym key must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`);
  return createHmac('sha256', k).update(value, 'utf8').digest('hex');
}
