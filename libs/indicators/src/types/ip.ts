import * as ipaddr from 'ipaddr.js';
import { Failure, fail } from '../errors';

/*
 * IPs: IPv4 as dotted decimal; IPv6 in RFC 5952 text form. ipaddr.js parses (it knows
 * every IPv6 notation and the special-purpose ranges); the RFC 5952 formatter is ours so
 * that its rules are spelled out and tested rather than assumed from a library's toString:
 *   4.1 no leading zeros; 4.2.1 "::" replaces the longest run of zero fields;
 *   4.2.2 never a single zero field; 4.2.3 ties go to the first run; 4.3 lower case;
 *   5 IPv4-mapped addresses (::ffff:0:0/96) keep the dotted quad: ::ffff:192.0.2.1.
 *
 * A standalone IPv4 must be four decimal parts (1.2.3.4). Leading zeros (010.001.002.003)
 * are read as decimal, the way people mean them in reports; inet_aton's octal/hex/short
 * forms are only honoured inside URLs, where browsers honour them too (see url.ts).
 * Zone ids (fe80::1%eth0) are rejected: they name an interface on the reporter's machine.
 */

export interface IpResult {
  value: string;
  attributes: { version: 4 | 6; private: boolean; range: string };
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const V6_CHARS = /^[0-9a-fA-F:.]+$/;

export function parseIpv4(s: string): number[] | null {
  const m = V4.exec(s);
  if (!m) return null;
  const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  return o[0] > 255 || o[1] > 255 || o[2] > 255 || o[3] > 255 ? null : o;
}

export function parseIpv6(s: string): number[] | null {
  if (!V6_CHARS.test(s) || s.indexOf(':') < 0) return null;
  try {
    return ipaddr.IPv6.parse(s).parts.slice();
  } catch {
    return null;
  }
}

export function formatIpv6(parts: readonly number[]): string {
  if (parts[0] === 0 && parts[1] === 0 && parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0xffff) {
    return '::ffff:' + [parts[6] >> 8, parts[6] & 255, parts[7] >> 8, parts[7] & 255].join('.');
  }
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

export function normalizeIp(input: string): IpResult | Failure {
  let s = input;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const v4 = parseIpv4(s);
  if (v4) {
    const range = new ipaddr.IPv4(v4).range();
    return { value: v4.join('.'), attributes: { version: 4, private: !PUBLIC_RANGES.has(range), range } };
  }
  if (s.indexOf('%') >= 0) return fail('invalid_ip', 'IPv6 zone ids are not indicators');
  const v6 = parseIpv6(s);
  if (!v6) return fail('invalid_ip', 'not an IPv4 dotted quad or an IPv6 address');
  const addr = new ipaddr.IPv6(v6);
  let range: string = addr.range();
  if (range === 'ipv4Mapped') range = addr.toIPv4Address().range();
  return { value: formatIpv6(v6), attributes: { version: 6, private: !PUBLIC_RANGES.has(range), range } };
}
