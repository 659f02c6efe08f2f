import { createHash } from 'crypto';
import { Item, StructuredFieldError, isInnerList, parseDictionary } from './structured-fields';

/** RFC 9530 algorithms we can check; the IANA registry marks the others (md5, sha, crc32c, …) insecure. */
const ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

const bytesOf = (body: Buffer | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** `sha-256=:<base64>:` over the exact body bytes. */
export function contentDigest(body: Buffer | string): string {
  return `sha-256=:${createHash('sha256').update(bytesOf(body)).digest('base64')}:`;
}

/**
 * True when the header names at least one algorithm we support and every supported one matches the body.
 * Unknown algorithms are ignored (RFC 9530 §2), so a sender may add sha-512 next to sha-256.
 */
export function verifyContentDigest(header: string | undefined, body: Buffer | string): boolean {
  if (!header) return false;
  let dict;
  try {
    dict = parseDictionary(header);
  } catch (e) {
    if (e instanceof StructuredFieldError) return false;
    throw e;
  }
  let checked = 0;
  for (const [alg, member] of dict) {
    const hash = ALGORITHMS[alg];
    if (!hash) continue;
    if (isInnerList(member) || !((member as Item).value instanceof Uint8Array)) return false;
    const expected = createHash(hash).update(bytesOf(body)).digest();
    if (!expected.equals(Buffer.from((member as Item).value as Uint8Array))) return false;
    checked++;
  }
  return checked > 0;
}
