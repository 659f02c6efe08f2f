import { PLATFORM_ALIASES, isSocialLink } from './types/social-handle';
import { isWhatsAppLink } from './types/phone';
import { looksLikeWallet } from './types/crypto-wallet';
import { looksLikeIban, mentionsBank } from './types/bank-account';
import { parseInetAton, parseIpv6 } from './types/ip';
import { type IndicatorType } from '@scamintel/vocabulary';

/*
 * TYPE DETECTION PRECEDENCE (used when NormalizeOptions.type is omitted).
 * Input has already been cleaned (full-width folded, invisible characters dropped),
 * refanged and trimmed. The first rule that matches decides; later rules never see it.
 *
 *  1. "tel:", "callto:", "sms:"                         -> phone
 *     "mailto:"                                          -> email
 *  2. "<CC>:<digits?>:<digits>" or "IBAN:…"              -> bank_account   (canonical forms)
 *  3. an IPv4 address in four parts (decimal, octal 0177 or hex 0x7f), any inet_aton form with a
 *     hex part (0x7f.1), or a parseable IPv6 address     -> ip             (before 4: "fb::1" is an address)
 *  4. "<platform>:<handle>", "<platform> @handle",
 *     "<platform> ID handle" with a known platform word  -> social_handle  (telegram:, tg:, 카톡 …)
 *  5. "<scheme>://…": a profile link (t.me, open.kakao.com,
 *     line.me, instagram.com, x.com, twitter.com,
 *     tiktok.com, facebook.com …)                        -> social_handle
 *     wa.me / api.whatsapp.com/send?phone=               -> phone
 *     anything else                                      -> url
 *  6. "@name" alone                                      -> social_handle  (refused later: no platform)
 *     a profile link without scheme (tiktok.com/@name)   -> social_handle
 *     "local@domain.tld", "\"quoted\"@domain.tld",
 *     "Name <local@domain.tld>"                          -> email
 *  7. 0x+40 hex, bc1…/tb1… bech32, base58 1…/3…/T…      -> crypto_wallet
 *  8. an IBAN (country that uses IBANs + check digits)   -> bank_account
 *  9. a bank name/alias, or an account word (acct,
 *     account, a/c, 계좌), next to a digit group         -> bank_account
 *     (normalize.ts then takes "<bank> <phone number>" without an account word as the phone: types/bank-account.ts)
 * 10. only digits, "+", spaces, - . ( ) /                -> phone
 * 11. "host.tld" without scheme: profile link host       -> social_handle
 *     wa.me link                                         -> phone
 *     with a path, query or port                         -> url
 *     bare host                                          -> domain
 * 12. nothing matched                                    -> not_an_indicator
 *
 * One fallback after detection: a profile link that names no account (x.com/home,
 * instagram.com/p/…, t.me/share/…) is normalised as a url instead of failing.
 *
 * Consequences worth knowing: "1.2.3.4" is an ip, never a phone; "KB 123456789012" is a
 * bank account, never a phone; "www.evil.com" is a domain (ask for type 'url' to get
 * "http://www.evil.com/"); "3279880203" is a phone candidate, not an IP.
 */

const TEL = /^(?:tel|callto|sms):/i;
const MAILTO = /^mailto:/i;
const CANON_BANK = /^(?:[A-Z]{2}:[0-9]{0,8}:[0-9]{4,34}$|IBAN[\s:])/;
const IP_CHARS = /^\[?[0-9a-fA-FxX:.]+(?:%[A-Za-z0-9_.-]+)?\]?$/;
const FOUR_PARTS = /^[^.]+\.[^.]+\.[^.]+\.[^.]+$/;
const HEX_PART = /(?:^|\.)0x/i;
const PLATFORM_PREFIX = /^([A-Za-z가-힣微信]+)\s*(?:[:：]|\s@|(?:id|아이디)(?![A-Za-z]))/i;
const SCHEME_URL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
// RFC 5321 allows "/" in a local part, but "host.tld/…@…" is a path: no "." before the first "/".
const EMAIL = /^(?:[^\s@/]+|[^\s@/.]+(?:\/[^\s@/]*)+)@[^\s@/]+\.[^\s@/]+$/;
const QUOTED_EMAIL = /^"(?:[^"\\]|\\.)*"@[^\s@/]+\.[^\s@/]+$/;
const NAME_ADDR = /^[^<>]*<[^<>\s]+@[^<>\s]+>$/;
const ADDRESS_LITERAL_EMAIL = /^[^\s@/]+@\[[0-9A-Za-z:.]+\]$/;
const ACCOUNT_WORD = /(?:\b(?:acct|account|a\/c)\b|계좌)/i;
const DIGITS6 = /[0-9](?:[\s-]?[0-9]){5,}/;
const PHONE = /^\(?\+?[0-9\s\-.()/]+$/;
// A host without scheme: DNS-name characters (any script) and an alphabetic or IDN top-level label, or an IPv4
// address; then a port, path, query or nothing. "<7yPC|'+3.|_U/x" is not a host, whatever GSB would make of it.
const HOSTISH =
  /^(?:\/\/)?(?:[\p{L}\p{N}\p{M}_-]+(?:\.[\p{L}\p{N}\p{M}_-]+)*\.(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)\.?|\d{1,3}(?:\.\d{1,3}){3})(?:[/?#:]|$)/iu;
const HOST_ONLY = /^[^\s/?#@:]+$/;

/** "telegram @x", "카톡 ID x": the value names a messaging platform first. */
export function startsWithPlatform(s: string): boolean {
  const prefix = PLATFORM_PREFIX.exec(s);
  return prefix !== null && PLATFORM_ALIASES[prefix[1].toLowerCase()] !== undefined;
}

export function detectType(s: string): IndicatorType | null {
  const c0 = s.charCodeAt(0);
  if (TEL.test(s)) return 'phone';
  if (MAILTO.test(s)) return 'email';
  if (CANON_BANK.test(s)) return 'bank_account';
  if (IP_CHARS.test(s)) {
    const inner = c0 === 0x5b ? s.slice(1, -1) : s;
    // Four parts (decimal, octal or hex), or any inet_aton form with a hex part: 1.2.3 is a version, 3279880203 a phone.
    if (inner.indexOf(':') < 0) {
      if ((FOUR_PARTS.test(inner) || HEX_PART.test(inner)) && parseInetAton(inner) !== null) return 'ip';
    } else if (parseIpv6(inner.split('%')[0])) return 'ip';
  }
  // Only digits, "+" and separators (most values): none of the rules between here and rule 10 needs less than a
  // letter or an "@", except the shape of a base58 wallet, so this is rule 10 taken early.
  if (PHONE.test(s)) return looksLikeWallet(s) ? 'crypto_wallet' : 'phone';
  const prefix = PLATFORM_PREFIX.exec(s);
  if (prefix && PLATFORM_ALIASES[prefix[1].toLowerCase()] && !SCHEME_URL.test(s)) return 'social_handle';
  if (SCHEME_URL.test(s)) {
    if (isSocialLink(s)) return 'social_handle';
    if (isWhatsAppLink(s)) return 'phone';
    return 'url';
  }
  if (c0 === 0x40 /* @ */) return 'social_handle';
  // HOSTISH needs a dot; most values that get this far (phones, wallets, accounts) have none. Rules 6 and 11 ask
  // the same two questions of the value: the answers are kept.
  const hostish = s.indexOf('.') >= 0 && HOSTISH.test(s);
  if (hostish && isSocialLink(s)) return 'social_handle'; // tiktok.com/@name is not an email
  // Every e-mail form holds an "@": without one the four patterns are not tried.
  const at = s.indexOf('@') >= 0;
  if (at && (EMAIL.test(s) || QUOTED_EMAIL.test(s) || NAME_ADDR.test(s) || ADDRESS_LITERAL_EMAIL.test(s))) return 'email';
  if (looksLikeWallet(s)) return 'crypto_wallet';
  if (looksLikeIban(s)) return 'bank_account';
  if (DIGITS6.test(s) && (mentionsBank(s) || ACCOUNT_WORD.test(s))) return 'bank_account';
  // (Rule 10 was taken above.)
  if (hostish) {
    // Not a profile link: rule 6 would have said so.
    if (isWhatsAppLink(s)) return 'phone';
    return HOST_ONLY.test(s) ? 'domain' : 'url';
  }
  return null;
}
