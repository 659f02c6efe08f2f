import { toASCII } from 'tr46';
import { registrableDomain } from '../../src';
import type { Outcome } from './common';
import { readVector } from './common';

/*
 * publicsuffix/list tests/test_psl.txt: checkPublicSuffix(domain, registrable domain or null). Our canonical host
 * names are ASCII, so an expected Unicode name is compared in its ASCII (punycode) form.
 */
const LINE = /^checkPublicSuffix\((null|'[^']*'),\s*(null|'[^']*')\);/;

export function pslCases(): [string | null, string | null][] {
  const out: [string | null, string | null][] = [];
  for (const line of readVector('psl/test_psl.txt').split('\n')) {
    const m = LINE.exec(line.trim());
    if (m) out.push([m[1] === 'null' ? null : m[1].slice(1, -1), m[2] === 'null' ? null : m[2].slice(1, -1)]);
  }
  return out;
}

export function pslOutcomes(): Outcome[] {
  return pslCases().map(([input, want]) => {
    const expected = want === null ? 'null' : (toASCII(want) ?? want);
    const actual = registrableDomain(input as string) ?? 'null';
    return { key: String(input), expected, actual, pass: actual === expected };
  });
}
