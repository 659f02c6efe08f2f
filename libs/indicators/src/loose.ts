/*
 * Looser defang readings for ONE value (normalize()), never for prose (extract()): here the whole string is meant
 * to be a single indicator, so words and spacing that would be ordinary text in a sentence can only be notation.
 * normalize() tries this reading when the value as written is no indicator, or when its host part still holds
 * spaces, brackets or backslashes; and it keeps it only if the result normalises. A value that is an indicator as
 * written ("version-dot-app.appspot.com", "fooatbar.com") is therefore never re-read.
 *
 *   dots     any run of spaces and brackets around "." or around dot/punto/punkt ("example [.] com",
 *            "10(((.]]]]10", "exampledot]com", "example dot com"), an upper-case DOT inside a lower-case word
 *            (fooDOTcom), "-dot-" and "^." (example^.com)
 *   at       likewise for @, at, et, arroba ("foo (at) bar.com", "myuser { at ) example", "foo @ bar.com", "foo AT bar")
 *   IPv4     commas between four numbers (9,10,11,12)
 *   host     brackets left over in the host part, and spaces before the path ("http://example.com /x")
 * Word forms need a bracket on one side or spaces on both ("foodotcom" stays), and at most one "@" may result.
 */
const RUN = '[\\s\\[\\](){}<>]*';
const WORD_DOT = new RegExp(`(?<=[\\p{L}\\p{N}_-])(${RUN})(\\.|dot|punto|punkt)(${RUN})(?=[\\p{L}\\p{N}_-])`, 'giu');
const WORD_AT = new RegExp(`(?<=[\\p{L}\\p{N}_.+-])(${RUN})(@|at|et|arroba)(${RUN})(?=[\\p{L}\\p{N}_-])`, 'giu');
const UPPER_DOT = /(?<=[a-z0-9])DOT(?=[a-z0-9])/g;
const UPPER_AT = /(?<=[a-z0-9])(?:AT|ET|ARROBA)(?=[a-z0-9])/g;
const HYPHEN_DOT = /-+(?:dot|punto|punkt)-+/gi;
const CARET_DOT = /(?<=[A-Za-z0-9-])\^\./g;
const COMMA_IPV4 = /^\d{1,3}(?:[\s[\](){}]*,[\s[\](){}]*\d{1,3}){3}(?=$|:)/;
// Brackets left at the ends of the host part or next to . : @ ("example.com[", "[www.]x.com"); W!eird<>Ho.com keeps its own.
const STRAY_BRACKETS = /[[\](){}<>]+(?=[.:@]|$)|(?<=^|[.:@])[[\](){}<>]+/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SUSPECT = /[\s[\](){}<>\\^]/;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]/i;
// What any rule of looseHost() needs to change a host: a space or bracket (the runs around a dot or at word, stray
// brackets, trim), an upper-case DOT/AT/ET/ARROBA, a "-dot-", a "^" or a ",". A host with none of them (a failed wallet,
// phone or word: most values that get here) comes back as it is without running the rules.
const MAY_LOOSEN = /[\s[\](){}<>^,]|DOT|AT|ET|ARROBA/;
const MAY_HYPHEN_DOT = /-(?:dot|punto|punkt)-/i;

function notation(run: string, word: string, runAfter: string): boolean {
  if (word === '.' || word === '@') return true;
  const bracket = /[[\](){}<>]/.test(run) || /[[\](){}<>]/.test(runAfter);
  return bracket || (/\s/.test(run) && /\s/.test(runAfter));
}

function looseHost(host: string): string {
  let h = host;
  if (!MAY_LOOSEN.test(h) && !MAY_HYPHEN_DOT.test(h)) return h;
  const v6 = IPV6_LITERAL.exec(h);
  if (v6) return h;
  h = h.replace(WORD_DOT, (m, a: string, w: string, b: string) => (notation(a, w, b) ? '.' : m));
  h = h.replace(WORD_AT, (m, a: string, w: string, b: string) => (notation(a, w, b) ? '@' : m));
  h = h.replace(UPPER_DOT, '.').replace(UPPER_AT, '@').replace(HYPHEN_DOT, '.').replace(CARET_DOT, '.');
  const ip = COMMA_IPV4.exec(h);
  if (ip) h = ip[0].replace(/[\s[\](){}]*,[\s[\](){}]*/g, '.') + h.slice(ip[0].length);
  return h.replace(STRAY_BRACKETS, '').trim();
}

/** Split a value into [scheme://, host part, rest]; the host part ends at the first / ? or #. */
function parts(value: string): [string, string, string] {
  const scheme = SCHEME.exec(value);
  const start = scheme ? scheme[0].length : 0;
  let end = value.length;
  for (let i = start; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23) {
      end = i;
      break;
    }
  }
  return [value.slice(0, start), value.slice(start, end), value.slice(end)];
}

/** The host part of a value holds characters no host has: spaces, brackets (outside an IPv6 literal), \ or ^. */
export function looksDefanged(value: string): boolean {
  const host = parts(value)[1];
  return SUSPECT.test(host) && !IPV6_LITERAL.test(host);
}

/** The looser reading of one value, or the value itself when nothing applies. */
export function looseRefang(value: string): string {
  const [scheme, host, rest] = parts(value);
  const h = looseHost(host);
  if (h === host) return value;
  if (h.indexOf('@') !== h.lastIndexOf('@')) return value;
  return scheme + h + rest;
}

const CLEAN_HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/;

/** A canonical host that is a DNS name or an IP literal: nothing left of any notation. */
export function isCleanHost(host: unknown): boolean {
  return typeof host === 'string' && CLEAN_HOST.test(host);
}
