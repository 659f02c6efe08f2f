import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { ipv4String, parseInetAton, parseIpv6, rangeOf } from './ip';

/*
 * The fast paths of ip.ts against what they replace: rangeOf() against ipaddr.js's own range(), and the dotted-decimal
 * reader inside parseInetAton() against the WHATWG URL IPv4 parser of the runtime (the same inet_aton reading).
 */

const v4Parts = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const v4Range = (v: number) => new ipaddr.IPv4(v4Parts(v)).range();

// Every subnet of ipaddr.js's tables, its first and last address and the ones just outside.
function edgesV4(): number[] {
  const out: number[] = [];
  for (const value of Object.values((ipaddr.IPv4.prototype as unknown as { SpecialRanges: object }).SpecialRanges)) {
    for (const [address, bits] of (Array.isArray(value[0]) ? value : [value]) as [ipaddr.IPv4, number][]) {
      const base = address.octets.reduce((a, o) => a * 256 + o, 0);
      const size = 2 ** (32 - bits);
      for (const v of [base - 1, base, base + size - 1, base + size]) if (v >= 0 && v < 2 ** 32) out.push(v);
    }
  }
  return out;
}

describe('ip fast paths', () => {
  it("rangeOf gives ipaddr.js's IPv4 range at every subnet edge", () => {
    for (const v of edgesV4()) expect([v, rangeOf(v4Parts(v), 4)]).toEqual([v, v4Range(v)]);
  });

  it("rangeOf gives ipaddr.js's IPv4 range for any address", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (v) => rangeOf(v4Parts(v), 4) === v4Range(v)),
      { numRuns: 20000, seed: 5952 },
    );
  });

  it("rangeOf gives ipaddr.js's IPv6 range, near every special prefix and anywhere", () => {
    const prefixes = [0, 1, 0x64, 0x100, 0x2001, 0x2002, 0x2620, 0x3fff, 0x5f00, 0xfc00, 0xfe80, 0xfec0, 0xff00];
    const part = fc.oneof(
      fc.constantFrom(0, 1, 2, 3, 0x10, 0x20, 0x30, 0x4f, 0x112, 0xdb8, 0xffff, 0xff9b, 0x8000),
      fc.integer({ min: 0, max: 0xffff }),
    );
    const head = fc.oneof(fc.constantFrom(...prefixes), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(head, fc.array(part, { minLength: 7, maxLength: 7 }), (h, rest) => {
        const parts = [h, ...rest];
        return rangeOf(parts, 6) === new ipaddr.IPv6(parts).range();
      }),
      { numRuns: 20000, seed: 4291 },
    );
    for (const text of ['::', '::1', '2001:db8::1', '64:ff9b::1.2.3.4', '64:ff9b:1::1', '2001:4:112::', 'fe80::1', 'ff02::1']) {
      const parts = parseIpv6(text)!;
      expect([text, rangeOf(parts, 6)]).toEqual([text, new ipaddr.IPv6([...parts]).range()]);
    }
  });

  it('parseInetAton reads digits and dots as the WHATWG URL IPv4 parser does', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.stringMatching(/^[0-9]{1,4}$/),
      fc.constantFrom('', '0', '00', '08', '010', '255', '256', '4294967295'),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const host = parts.join('.');
        const v = parseInetAton(host);
        let whatwg: string | null;
        try {
          whatwg = new URL(`http://${host}/`).hostname;
        } catch {
          whatwg = null;
        }
        // What WHATWG refuses or keeps as a name ("." stays "."), parseInetAton refuses.
        const quad = whatwg !== null && /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(whatwg);
        return v === null ? !quad : ipv4String(v) === whatwg;
      }),
      { numRuns: 20000, seed: 791 },
    );
  });
});
