import { Failure, fail } from '../errors';
import { canonicalHostname, registrableDomainOf } from './domain';

/*
 * Emails: the local part is kept as written (only Unicode NFC, so that the same visible
 * address typed on two keyboards is one value) because RFC 5321 lets a server treat it
 * case-sensitively and some providers ignore dots/"+tags" while others do not; folding
 * them would merge distinct mailboxes. The domain is canonicalised like a domain
 * indicator (lower-case, IDNA, suffix on the PSL).
 *
 * Accepted local parts: RFC 5322 dot-atoms, with Unicode letters/digits allowed
 * (RFC 6531). Quoted local parts ("john doe"@x) are rejected: nobody reports them.
 */

export interface EmailResult {
  value: string;
  attributes: { domain: string; registrableDomain: string | null };
}

const LOCAL = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const ASCII_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const MAILTO = /^mailto:/i;

export function normalizeEmail(input: string): EmailResult | Failure {
  let s = input;
  if (MAILTO.test(s)) {
    s = s.slice(7);
    const q = s.indexOf('?');
    if (q >= 0) s = s.slice(0, q);
  }
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return fail('invalid_email', 'an email address is local-part@domain');
  let local = s.slice(0, at);
  if (!ASCII_LOCAL.test(local)) {
    local = local.normalize('NFC');
    if (!LOCAL.test(local)) return fail('invalid_email', 'local part has characters outside an RFC 5322/6531 dot-atom');
  }
  if (Buffer.byteLength(local, 'utf8') > 64) return fail('invalid_email', 'local part longer than 64 octets');
  const domain = canonicalHostname(s.slice(at + 1));
  if (domain instanceof Failure) return fail('invalid_email', 'bad domain: ' + domain.reason);
  const registrableDomain = registrableDomainOf(domain);
  if (!registrableDomain) return fail('invalid_email', `"${domain}" has no suffix on the Public Suffix List`);
  return { value: local + '@' + domain, attributes: { domain, registrableDomain } };
}
