import { hostToAscii } from '../idna';
import { Failure, fail } from '../errors';
import { embeddedIpv4, endsInNumber, formatIpv6, ipv4String, parseInetAton, parseIpv6 } from './ip';
import { registrableDomainOf } from './domain';

/*
 * URLs: Google Safe Browsing v4 "URLs and Hashing" canonicalisation, written out here
 * because no installed package implements it (WHATWG URL parsing differs: it keeps
 * ports, does not unescape repeatedly, and percent-encodes differently).
 *
 * The algorithm works on bytes. JS strings are not byte strings, so the URL is first
 * turned into its UTF-8 bytes held one byte per char (a "latin1" string) and all the
 * steps run on that. Consequence worth knowing: the spec vector "http://\x01\x80.com/"
 * (raw byte 0x80) can only be expressed in a JS string as "http://%01%80.com/"; a JS
 * string containing U+0080 is UTF-8 C2 80 and canonicalises to "http://%01%C2%80.com/".
 *
 * Choices beyond the spec, all documented in README.md:
 *  - IDN hosts become punycode (UTS #46 via tr46), as in Google's reference Go client.
 *  - userinfo ("user:pw@") and the port are dropped, as in the reference client and the
 *    spec vector "http://www.gotaport.com:1234/" -> "http://www.gotaport.com/". A port
 *    other than the scheme default is kept in attributes.port.
 *  - IPv6 literal hosts are written "[<RFC 5952 form>]".
 */

export interface UrlResult {
  value: string;
  attributes: { host: string; registrableDomain: string | null; port?: number };
}

const TAB_CR_LF = /[\t\r\n]/g;
const ESCAPED = /%([0-9a-fA-F]{2})/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
const NEEDS_ESCAPE = /[\x00-\x20\x7f-\xff#%]/;
const NON_ASCII = /[^\x00-\x7f]/;
const HIGH_BYTE = /[\x80-\xff]/;
const ACE_LABEL = /(?:^|\.)xn--/i;
// C0 controls, space, DEL, and C1 controls in UTF-8 (C2 80–C2 9F).
const NOT_A_NAME = /[\x00-\x20\x7f]|\xc2[\x80-\x9f]/;
const UPPER = /[A-Z]/;
const DOTS = /\.{2,}/g;
const PRINTABLE = /^[\x21-\x7e]+$/;
const BACKSLASHES = /\\/g;
const IPV4_DOTTED = /^[0-9.]+$/;
const HEX = '0123456789ABCDEF';
const MAX_UNESCAPE_ROUNDS = 1024;

function toBytes(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

function unescapeOnce(s: string): string {
  return s.replace(ESCAPED, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function unescapeFully(s: string): string | null {
  for (let i = 0; i < MAX_UNESCAPE_ROUNDS; i++) {
    if (s.indexOf('%') < 0) return s;
    const t = unescapeOnce(s);
    if (t === s) return s;
    s = t;
  }
  return null;
}

// GSB's escape set (bytes <= 0x20, >= 0x7f, '#', '%'), plus a backslash in the host and path: a literal one before
// the query is read as "/" (as browsers do), so an unescaped one in the output would not survive a second reading.
function escape(s: string, path = false): string {
  if (!NEEDS_ESCAPE.test(s) && !(path && s.indexOf('\\') >= 0)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x23 || c === 0x25 || (path && c === 0x5c)) out += '%' + HEX[c >> 4] + HEX[c & 15];
    else out += s[i];
  }
  return out;
}

// ASCII-only lower-casing: String#toLowerCase would also fold bytes 0xC0–0xDE of the byte string.
function lowerAscii(s: string): string {
  if (!UPPER.test(s)) return s;
  if (!HIGH_BYTE.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// Hosts that are DNS names (after IDNA): only these have a registrable domain.
const DNS_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;

/** The host of a URL, canonical: IPv6 literal in RFC 5952 (or the IPv4 it carries), inet_aton forms dotted, IDN in punycode. */
function canonicalHost(raw: string): string | Failure {
  let host = raw;
  if (host.charCodeAt(0) === 0x5b) {
    const v6 = parseIpv6(host.slice(1, -1));
    if (!v6) return fail('invalid_url', 'not an IPv6 address in [ ]');
    const v4 = embeddedIpv4(v6);
    return v4 === null ? '[' + formatIpv6(v6) + ']' : ipv4String(v4);
  }
  // A host that is an internationalised name (well-formed UTF-8 beyond ASCII, or an "xn--" label) passes the same
  // UTS #46 check as a domain or an e-mail domain, or the URL is refused. A host with bytes no name can hold (C0 and
  // C1 controls, spaces, malformed UTF-8) is Safe Browsing's case: kept, escaped byte by byte.
  if (!NOT_A_NAME.test(host)) {
    if (HIGH_BYTE.test(host)) {
      const text = Buffer.from(host, 'latin1').toString('utf8');
      if (Buffer.from(text, 'utf8').toString('latin1') === host) {
        const ascii = hostToAscii(text);
        if (ascii === '') return fail('invalid_url', 'the host maps to nothing');
        if (ascii === null || !PRINTABLE.test(ascii))
          return fail('invalid_url', 'the host is not a valid internationalised domain name (UTS #46)');
        host = ascii;
      }
    } else if (ACE_LABEL.test(host) && hostToAscii(host) === null) {
      return fail('invalid_url', 'the host has an "xn--" label that is not valid punycode for a UTS #46 name');
    }
  }
  if (host.indexOf('..') >= 0) host = host.replace(DOTS, '.');
  let a = 0;
  let b = host.length;
  while (a < b && host.charCodeAt(a) === 0x2e) a++;
  while (b > a && host.charCodeAt(b - 1) === 0x2e) b--;
  host = lowerAscii(host.slice(a, b));
  if (!host) return fail('invalid_url', 'URL has no host');
  if (endsInNumber(host)) {
    const v4 = parseInetAton(host);
    return v4 === null ? fail('invalid_url', `host "${host}" ends in a number but is not an IPv4 address`) : ipv4String(v4);
  }
  return host;
}

function canonicalPath(path: string): string {
  if (path === '') return '/';
  if (path.indexOf('/.') < 0 && path.indexOf('//') < 0) return path;
  const segs = path.split('/');
  const out: string[] = [];
  let trailing = false;
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i];
    const isLast = i === segs.length - 1;
    if (seg === '' || seg === '.') {
      trailing = isLast;
    } else if (seg === '..') {
      out.pop();
      trailing = isLast;
    } else {
      out.push(seg);
      trailing = false;
    }
  }
  return '/' + out.join('/') + (trailing && out.length > 0 ? '/' : '');
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ftp: 21, ws: 80, wss: 443 };
const NOT_WEB = /^(?:mailto|tel|sms|callto|javascript|data|about|file|blob):/i;
const C0_EDGES = /^[\x00-\x20]+|[\x00-\x20]+$/g;
const DIGITS = /^[0-9]*$/;

/** Split "host:port" (host possibly "[v6]"); a port that is not digits makes the URL invalid. */
function splitPort(hostPart: string): [string, string] | Failure {
  let host = hostPart;
  let port = '';
  if (host.charCodeAt(0) === 0x5b) {
    const close = host.indexOf(']');
    if (close < 0) return fail('invalid_url', 'unclosed [ in the host');
    const after = host.slice(close + 1);
    if (after && (after.charCodeAt(0) !== 0x3a || !DIGITS.test(after.slice(1)))) return fail('invalid_url', 'bad port');
    port = after.slice(1);
    host = host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) {
      port = host.slice(colon + 1);
      host = host.slice(0, colon);
      if (!DIGITS.test(port)) return fail('invalid_url', 'the port is not a number');
    }
  }
  return [host, port];
}

export function normalizeUrl(input: string): UrlResult | Failure {
  let s = input;
  if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) s = s.replace(TAB_CR_LF, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  if (s.charCodeAt(0) <= 0x20 || s.charCodeAt(s.length - 1) <= 0x20) s = s.replace(C0_EDGES, '');
  if (!s) return fail('invalid_url', 'empty URL');
  if (NOT_WEB.test(s)) return fail('invalid_url', 'not a web address (mailto:, tel:, javascript: …)');
  // Browsers read "\" as "/" before the query in http(s) URLs.
  const qm = s.indexOf('?');
  const bs = s.indexOf('\\');
  if (bs >= 0 && (qm < 0 || bs < qm)) s = s.slice(0, qm < 0 ? s.length : qm).replace(BACKSLASHES, '/') + (qm < 0 ? '' : s.slice(qm));
  const unescaped = unescapeFully(toBytes(s));
  if (unescaped === null) return fail('invalid_url', 'URL escapes nest too deeply');
  s = unescaped;

  let scheme = 'http';
  const m = SCHEME.exec(s);
  if (m) {
    scheme = m[1].toLowerCase();
    s = s.slice(m[0].length);
  } else if (s.startsWith('//')) {
    s = s.slice(2);
  }
  let cut = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2f || c === 0x3f) {
      cut = i;
      break;
    }
  }
  let hostPart = s.slice(0, cut);
  const rest = s.slice(cut);
  const at = hostPart.lastIndexOf('@');
  if (at >= 0) hostPart = hostPart.slice(at + 1);
  const hp = splitPort(hostPart);
  if (hp instanceof Failure) return hp;
  let port: number | undefined;
  if (hp[1]) {
    const p = Number(hp[1]);
    if (p > 65535) return fail('invalid_url', 'port out of range');
    if (p !== DEFAULT_PORT[scheme]) port = p;
  }
  const host = canonicalHost(hp[0]);
  if (host instanceof Failure) return host;

  const q = rest.indexOf('?');
  const path = canonicalPath(q >= 0 ? rest.slice(0, q) : rest);
  const query = q >= 0 ? '?' + escape(rest.slice(q + 1)) : '';
  const escapedHost = escape(host, true);
  const value = scheme + '://' + escapedHost + escape(path, true) + query;

  const attributes: UrlResult['attributes'] = {
    host: escapedHost,
    registrableDomain: DNS_NAME.test(host) && !IPV4_DOTTED.test(host) ? registrableDomainOf(host) : null,
  };
  if (port !== undefined) attributes.port = port;
  return { value, attributes };
}
