import { Failure, fail } from '../errors';
import { canonicalHostname, registrableDomainOf, unlistedRefusal } from './domain';
import type { Reading } from './domain';
import { normalizeIp } from './ip';

/*
 * E-mail addresses (RFC 5321 mailbox, RFC 6531/6532 internationalised).
 *
 * The local part is kept as written (Unicode NFC only): RFC 5321 lets a server treat it case-sensitively and some
 * providers ignore dots or "+tags" while others do not, so folding them would merge distinct mailboxes. It is a
 * dot-atom (letters, digits, ! # $ % & ' * + - / = ? ^ _ ` { | } ~ and any non-ASCII character, RFC 6531) or a
 * quoted string; a quoted string that could be written as a dot-atom IS that dot-atom ("john"@x = john@x, RFC 5321
 * §4.1.2), any other keeps its quotes with only " and \ escaped. At most 64 octets.
 * The domain is canonicalised like a domain indicator (lower-case, IDNA), must not end with a dot (a mailbox
 * domain is always absolute: "user@example.com." is a typo or a trick), or is an address literal [192.0.2.1] /
 * [IPv6:2001:db8::1]. "Name <addr>" and mailto: links give the address.
 */

export interface EmailResult {
  value: string;
  attributes: { domain: string; registrableDomain: string | null };
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const UTEXT = `(?:${ATEXT}|[^\\x00-\\x7f\\s\\p{Cc}\\p{Cf}\\p{Zs}])`;
const ASCII_DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const DOT_ATOM = new RegExp(`^${UTEXT}+(?:\\.${UTEXT}+)*$`, 'u');
const QUOTED = /^"((?:[^"\\\x00-\x1f\x7f]|\\[\x20-\x7e])*)"$/;
const MAILTO = /^mailto:/i;
const NAME_ADDR = /^[^<>]*<([^<>]+)>$/;
const ADDRESS_LITERAL = /^\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]$/;

function localPart(raw: string): string | Failure {
  if (ASCII_DOT_ATOM.test(raw)) return raw;
  const q = QUOTED.exec(raw);
  if (q) {
    const text = q[1].replace(/\\(.)/g, '$1').normalize('NFC');
    return DOT_ATOM.test(text) ? text : '"' + text.replace(/["\\]/g, '\\$&') + '"';
  }
  const nfc = raw.normalize('NFC');
  return DOT_ATOM.test(nfc) ? nfc : fail('invalid_email', 'the local part is neither a dot-atom nor a quoted string (RFC 5321/6531)');
}

export function normalizeEmail(input: string, reading: Reading = 'typed'): EmailResult | Failure {
  let s = input;
  const named = NAME_ADDR.exec(s);
  if (named) s = named[1].trim();
  if (MAILTO.test(s)) {
    s = s.slice(7);
    const q = s.indexOf('?');
    if (q >= 0) s = s.slice(0, q);
  }
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return fail('invalid_email', 'an email address is local-part@domain');
  const local = localPart(s.slice(0, at));
  if (local instanceof Failure) return local;
  if (Buffer.byteLength(local, 'utf8') > 64) return fail('invalid_email', 'local part longer than 64 octets');
  const rawDomain = s.slice(at + 1);
  const literal = ADDRESS_LITERAL.exec(rawDomain);
  if (literal) {
    const ip = normalizeIp(literal[1]);
    if (ip instanceof Failure) return fail('invalid_email', 'bad address literal: ' + ip.reason);
    const domain = ip.attributes.version === 6 ? `[IPv6:${ip.value}]` : `[${ip.value}]`;
    return { value: local + '@' + domain, attributes: { domain, registrableDomain: null } };
  }
  if (rawDomain.endsWith('.')) return fail('invalid_email', 'the domain of an address cannot end with a dot');
  const domain = canonicalHostname(rawDomain);
  if (domain instanceof Failure) return fail('invalid_email', 'bad domain: ' + domain.reason);
  const refusal = unlistedRefusal(domain, reading);
  if (refusal) return fail('not_an_indicator', refusal);
  const value = local + '@' + domain;
  if (Buffer.byteLength(value, 'utf8') > 254) return fail('invalid_email', 'address longer than 254 octets');
  return { value, attributes: { domain, registrableDomain: registrableDomainOf(domain) } };
}
