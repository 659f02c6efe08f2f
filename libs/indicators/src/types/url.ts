import { hostToAscii } from '../idna';
import { Failure, fail } from '../errors';
import { parseIpv6, formatIpv6 } from './ip';
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
const UPPER = /[A-Z]/;
const DOTS = /\.{2,}/g;
const PORT = /:(\d*)$/;
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

function escape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x23 || c === 0x25) out += '%' + HEX[c >> 4] + HEX[c & 15];
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

/**
 * inet_aton(3) reading of a host, which is what the spec asks for ("decimal, octal, hex,
 * and fewer than four components"): 3279880203 -> 195.127.0.11, 0x7f.1 -> 127.0.0.1.
 */
export function parseLooseIpv4(host: string): string | null {
  const c0 = host.charCodeAt(0);
  if (!(c0 >= 0x30 && c0 <= 0x39)) return null;
  const parts = host.split('.');
  if (parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return null;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.length - 1;
  for (let i = 0; i < last; i++) if (nums[i] > 255) return null;
  if (nums[last] >= 2 ** (8 * (4 - last))) return null;
  let value = 0;
  for (let i = 0; i < last; i++) value += nums[i] * 2 ** (8 * (3 - i));
  value += nums[last];
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function canonicalHost(raw: string): string | null {
  let host = raw;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return null;
    const v6 = parseIpv6(host.slice(1, close));
    return v6 ? '[' + formatIpv6(v6) + ']' : null;
  }
  const port = PORT.exec(host);
  if (port) host = host.slice(0, port.index);
  if (HIGH_BYTE.test(host)) {
    const text = Buffer.from(host, 'latin1').toString('utf8');
    // Only well-formed UTF-8 is taken as an IDN; anything else stays as escaped bytes.
    if (Buffer.from(text, 'utf8').toString('latin1') === host) {
      const ascii = hostToAscii(text);
      if (ascii && /^[\x21-\x7e]+$/.test(ascii) && !ascii.includes('%')) host = ascii;
    }
  }
  if (host.indexOf('..') >= 0) host = host.replace(DOTS, '.');
  let a = 0;
  let b = host.length;
  while (a < b && host.charCodeAt(a) === 0x2e) a++;
  while (b > a && host.charCodeAt(b - 1) === 0x2e) b--;
  host = lowerAscii(host.slice(a, b));
  if (!host) return null;
  return parseLooseIpv4(host) ?? host;
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

export function normalizeUrl(input: string): UrlResult | Failure {
  let s = input;
  if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) s = s.replace(TAB_CR_LF, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  s = s.trim();
  if (!s) return fail('invalid_url', 'empty URL');
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
  let port: number | undefined;
  const pm = hostPart.startsWith('[') ? /\]:(\d+)$/.exec(hostPart) : PORT.exec(hostPart);
  if (pm && pm[1]) {
    const p = Number(pm[1]);
    if (p > 65535) return fail('invalid_url', 'port out of range');
    if (p !== DEFAULT_PORT[scheme]) port = p;
  }
  const host = canonicalHost(hostPart);
  if (!host) return fail('invalid_url', 'URL has no host');

  const q = rest.indexOf('?');
  const path = canonicalPath(q >= 0 ? rest.slice(0, q) : rest);
  const query = q >= 0 ? '?' + escape(rest.slice(q + 1)) : '';
  const value = scheme + '://' + escape(host) + escape(path) + query;

  const attributes: UrlResult['attributes'] = {
    host: escape(host),
    registrableDomain: host.startsWith('[') || /^[0-9.]+$/.test(host) ? null : registrableDomainOf(host),
  };
  if (port !== undefined) attributes.port = port;
  return { value, attributes };
}
