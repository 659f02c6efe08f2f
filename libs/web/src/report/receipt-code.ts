import { createHash, randomBytes } from 'node:crypto';

/*
 * Receipt codes of reports sent through the public form: 25 characters of Crockford's base32 (125 bits), shown as
 * five groups of five. The code is derived from the form's one-time nonce, so sending the same form twice (a retry
 * after a lost answer) gives the same report and the same code; only its SHA-256 is stored.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 25;
const NONCE = /^[A-Za-z0-9_-]{43}$/;

export const newNonce = (): string => randomBytes(32).toString('base64url');

/** The form's nonce when it is one we could have issued, else a fresh one (a form posted without it still works). */
export const nonceOrNew = (given: string | undefined): string => (given && NONCE.test(given) ? given : newNonce());

export function receiptCodeFor(nonce: string): string {
  const digest = createHash('sha256').update(`scamintel report receipt\n${nonce}`, 'utf8').digest();
  let bits = 0n;
  for (const b of digest.subarray(0, 16)) bits = (bits << 8n) | BigInt(b);
  bits >>= 3n; // 128 → 125 bits
  let out = '';
  for (let i = 0; i < LENGTH; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{5}/g)!.join('-');
}

/** What a person typed, read leniently (case, spaces, dashes, O for 0, I/L for 1), or undefined when it cannot be a code. */
export function readReceiptCode(input: string | undefined): string | undefined {
  if (!input || input.length > 100) return undefined;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return undefined;
  return s.match(/.{5}/g)!.join('-');
}

export const receiptHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');
