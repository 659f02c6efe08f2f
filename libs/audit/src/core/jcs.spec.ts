import fc from 'fast-check';
import path from 'path';
import { canonicalJson } from './jcs';

// The reference implementation, loaded by file path because its exports map hides it from require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require(path.resolve(__dirname, '../../../../node_modules/canonicalize/lib/canonicalize.js'));
const referenceCanonicalize: (v: unknown) => string = reference.default ?? reference;

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example output', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' + '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    // Read the order off the text: JS objects list integer-like keys first, whatever the JSON said.
    const keys = [...canonicalJson(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('serialises numbers as ECMAScript does (RFC 8785 Appendix B samples)', () => {
    const samples: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [1e21, '1e+21'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [295147905179352830000, '295147905179352830000'],
    ];
    for (const [n, s] of samples) expect(canonicalJson(n)).toBe(s);
  });

  it('omits undefined members, refuses values JSON cannot carry', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([undefined])).toThrow(/array element/);
    expect(() => canonicalJson({ s: '\ud800x' })).toThrow(/surrogate/);
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('is independent of member insertion order and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = canonicalJson(v);
        expect(JSON.parse(s)).toEqual(JSON.parse(JSON.stringify(v)));
        const reversed = JSON.parse(s, (_k, x) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        );
        expect(canonicalJson(reversed)).toBe(s);
      }),
    );
  });

  it('agrees with the canonicalize package on arbitrary JSON, doubles included', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonicalize(v));
      }),
      { numRuns: 500 },
    );
  });
});
