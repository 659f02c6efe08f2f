import * as ipaddr from 'ipaddr.js';
import { Failure, fail } from '../errors';

/*
 * IPs: IPv4 as dotted decimal; IPv6 in RFC 5952 text form.
 *
 * IPv4 is read the inet_aton(3) way, as browsers and Safe Browsing read hosts (WHATWG URL "IPv4 parser"):
 * 1–4 parts, each decimal, octal with a leading 0 (0177) or hex (0x7f); the last part fills the remaining bytes:
 * 3279880203 = 0xc37f000b = 195.127.0.11, 0x7f.1 = 127.0.0.1, 010.001.002.003 = 8.1.2.3. A part too big for its
 * place, a fifth part or a bad digit (08) is not an address.
 * IPv6: our own RFC 4291 parser (ipaddr.js reads the IPv4-compatible "::192.9.5.5" as "::ffff:192.9.5.5", a
 * different address). IPv4-mapped (::ffff:a.b.c.d) and NAT64 well-known-prefix (64:ff9b::a.b.c.d, RFC 6052)
 * addresses ARE an IPv4 address for every purpose here, so they are written as that IPv4 address.
 * The RFC 5952 formatter: 4.1 no leading zeros; 4.2.1 "::" replaces the longest run of zero fields;
 * 4.2.2 never a single zero field; 4.2.3 ties go to the first run; 4.3 lower case.
 * ipaddr.js still classifies ranges (private, reserved …). Zone ids (fe80::1%eth0) are refused: they name an
 * interface on the reporter's machine.
 */

export interface IpResult {
  value: string;
  attributes: { version: 4 | 6; private: boolean; range: string };
}

const HEX_PART = /^0x[0-9a-f]*$/i;
const OCT_PART = /^0[0-7]*$/;
const DEC_PART = /^[1-9][0-9]*$/;
const HEX16 = /^[0-9a-f]{1,4}$/i;
// Regular expressions live at module level: a literal inside a function is a new RegExp object on every call.
const DIGITS_ONLY = /^[0-9]+$/;
const LEADING_ZEROS = /^0+/;

function inetPart(p: string): number {
  if (DEC_PART.test(p)) return p.length > 10 ? NaN : parseInt(p, 10);
  if (HEX_PART.test(p)) {
    const digits = p.slice(2).replace(LEADING_ZEROS, '');
    return digits.length > 8 ? NaN : digits ? parseInt(digits, 16) : 0;
  }
  if (OCT_PART.test(p)) {
    const digits = p.replace(LEADING_ZEROS, '');
    return digits.length > 11 ? NaN : digits ? parseInt(digits, 8) : 0;
  }
  return NaN;
}

/**
 * Plain dotted decimal ("203.0.113.7", parts 0 or 1–3 digits without a leading zero): the common form, read without
 * splitting; -1 for anything else (the general reader below decides).
 */
function dottedDecimal(host: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 0x2e;
    if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && part === 0) return -1; // a leading zero: octal
      part = part * 10 + (c - 0x30);
      if (++digits > 3) return -1;
    } else if (c === 0x2e) {
      if (digits === 0 || part > 255 || ++parts > 4) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

/** The 32-bit value of an inet_aton form (one trailing dot allowed), or null. */
export function parseInetAton(host: string): number | null {
  const quad = dottedDecimal(host);
  if (quad >= 0) return quad;
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 4 || parts.length === 0) return null;
  let value = 0;
  const last = parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const n = inetPart(parts[i]);
    if (!Number.isFinite(n)) return null;
    if (i < last) {
      if (n > 255) return null;
      value += n * 2 ** (8 * (3 - i));
    } else {
      if (n >= 2 ** (8 * (4 - last))) return null;
      value += n;
    }
  }
  return value;
}

/** WHATWG "ends in a number": a host whose last label is numeric must be an IPv4 address or nothing. */
export function endsInNumber(host: string): boolean {
  let end = host.length;
  if (host.charCodeAt(end - 1) === 0x2e) end--;
  const start = host.lastIndexOf('.', end - 1) + 1;
  const label = host.slice(start, end);
  return DIGITS_ONLY.test(label) || HEX_PART.test(label);
}

export function ipv4String(v: number): string {
  return (v >>> 24) + '.' + ((v >>> 16) & 255) + '.' + ((v >>> 8) & 255) + '.' + (v & 255);
}

const QUAD_PART = /^(?:0|[1-9][0-9]{0,2})$/;

function groups(h: string): number[] | null {
  if (h === '') return [];
  const out: number[] = [];
  for (const g of h.split(':')) {
    if (!HEX16.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out;
}

// Detection and normalisation read the same address one after the other: the last answer is kept for the same text.
let lastIpv6Text: string | null = null;
let lastIpv6: readonly number[] | null = null;

/** RFC 4291 §2.2 text forms, with an optional dotted-quad tail; 8 16-bit parts or null. The parts are shared: read only. */
export function parseIpv6(s: string): readonly number[] | null {
  if (s !== lastIpv6Text) {
    lastIpv6 = readIpv6(s);
    lastIpv6Text = s;
  }
  return lastIpv6;
}

function readIpv6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return null;
  let text = s;
  let tail: number[] = [];
  if (s.indexOf('.', lastColon) >= 0) {
    const quad = s.slice(lastColon + 1).split('.');
    if (quad.length !== 4 || !quad.every((q) => QUAD_PART.test(q) && Number(q) <= 255)) return null;
    tail = [Number(quad[0]) * 256 + Number(quad[1]), Number(quad[2]) * 256 + Number(quad[3])];
    text = s.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const want = 8 - tail.length;
  const head = groups(halves[0]);
  if (!head) return null;
  if (halves.length === 1) return head.length === want ? [...head, ...tail] : null;
  const back = groups(halves[1]);
  if (!back || head.length + back.length > want - 1) return null;
  return [...head, ...new Array<number>(want - head.length - back.length).fill(0), ...back, ...tail];
}

/** The IPv4 address an IPv4-mapped (::ffff:0:0/96) or NAT64 well-known-prefix (64:ff9b::/96) address carries. */
export function embeddedIpv4(p: readonly number[]): number | null {
  const mapped = p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0xffff;
  const nat64 = p[0] === 0x64 && p[1] === 0xff9b && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0;
  return mapped || nat64 ? p[6] * 65536 + p[7] : null;
}

export function formatIpv6(parts: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (parts[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((p) => p.toString(16))
      .join(':');
  if (bestLen < 2) return hex(0, 8);
  return hex(0, bestStart) + '::' + hex(bestStart + bestLen, 8);
}

// Everything ipaddr.js does not call "unicast" is flagged private/reserved, except the
// IPv6 transition ranges whose addresses are globally routed.
const PUBLIC_RANGES = new Set(['unicast', '6to4', 'teredo']);

/*
 * ipaddr.js's range() (subnetMatch over its SpecialRanges, in their order, 'unicast' when none matches) built an
 * address object and called match() through apply() for every subnet. The same table, read from ipaddr.js at load
 * and matched on plain part arrays with its matchCIDR rule, gives the same names without the objects.
 */
interface Subnet {
  parts: readonly number[];
  bits: number;
}
type RangeTable = readonly (readonly [name: string, subnets: readonly Subnet[]])[];
interface SpecialRangesOwner {
  SpecialRanges: Record<string, unknown>;
}
interface Address {
  kind(): string;
  octets?: number[];
  parts?: number[];
}

function rangeTable(owner: SpecialRangesOwner, kind: 'ipv4' | 'ipv6'): RangeTable {
  return Object.entries(owner.SpecialRanges).map(([name, value]) => {
    let subnets = value as [Address, number][] | [Address, number];
    if (subnets[0] && !Array.isArray(subnets[0])) subnets = [subnets as [Address, number]];
    const list = (subnets as [Address, number][])
      .filter(([address]) => address.kind() === kind)
      .map(([address, bits]) => ({ parts: (kind === 'ipv4' ? address.octets : address.parts) ?? [], bits }));
    return [name, list] as const;
  });
}

const V4_RANGES = rangeTable(ipaddr.IPv4.prototype as unknown as SpecialRangesOwner, 'ipv4');
const V6_RANGES = rangeTable(ipaddr.IPv6.prototype as unknown as SpecialRangesOwner, 'ipv6');

// ipaddr.js's matchCIDR.
function matchCidr(first: readonly number[], second: readonly number[], partSize: number, cidrBits: number): boolean {
  let part = 0;
  for (let bits = cidrBits; bits > 0; bits -= partSize, part++) {
    const shift = Math.max(partSize - bits, 0);
    if (first[part] >> shift !== second[part] >> shift) return false;
  }
  return true;
}

/** ipaddr.js's range() name of an address given as its octets (IPv4) or 16-bit parts (IPv6). */
export function rangeOf(parts: readonly number[], version: 4 | 6): string {
  const table = version === 4 ? V4_RANGES : V6_RANGES;
  const partSize = version === 4 ? 8 : 16;
  for (const [name, subnets] of table) {
    for (const subnet of subnets) if (matchCidr(parts, subnet.parts, partSize, subnet.bits)) return name;
  }
  return 'unicast';
}

function v4Result(v: number): IpResult {
  const range = rangeOf([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255], 4);
  return { value: ipv4String(v), attributes: { version: 4, private: !PUBLIC_RANGES.has(range), range } };
}

export function normalizeIp(input: string): IpResult | Failure {
  let s = input;
  if (s.charCodeAt(0) === 0x5b && s.charCodeAt(s.length - 1) === 0x5d) s = s.slice(1, -1);
  if (s.indexOf(':') < 0) {
    const v4 = parseInetAton(s);
    if (v4 === null) return fail('invalid_ip', 'not an IPv4 address (dotted, octal, hex or one 32-bit number) or an IPv6 address');
    return v4Result(v4);
  }
  if (s.indexOf('%') >= 0) return fail('invalid_ip', 'IPv6 zone ids are not indicators');
  const v6 = parseIpv6(s);
  if (!v6) return fail('invalid_ip', 'not an IPv6 address');
  const v4 = embeddedIpv4(v6);
  if (v4 !== null) return v4Result(v4);
  const range = rangeOf(v6, 6);
  return { value: formatIpv6(v6), attributes: { version: 6, private: !PUBLIC_RANGES.has(range), range } };
}
