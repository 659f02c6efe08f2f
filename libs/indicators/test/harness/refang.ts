import { extract, refang, tryNormalize } from '../../src';
import type { Outcome } from './common';
import { readJson } from './common';

/*
 * Refang suites (ioc-fanger, iocextract, ioc-finder). A case is one of
 *   {input, fanged}:   the defanged text must normalise exactly as the fanged text does (type and value); when the
 *                      fanged text is not one indicator, extract() of both must give the same values (and some);
 *   {input, alone}:    text that merely looks defanged: refang() leaves it exactly as written;
 *   {input, extracts}: extract(input) gives these values, normalised.
 */

export interface RefangCase {
  input: string;
  fanged?: string;
  alone?: boolean;
  extracts?: string[];
  test: string;
  excluded?: string;
}

export interface RefangSuite {
  source: string;
  commit: string;
  licence: string;
  cases: RefangCase[];
}

export const REFANG_SUITES = ['refang/ioc-fanger.json', 'refang/iocextract.json', 'refang/ioc-finder.json'];

function one(raw: string): string {
  const r = tryNormalize(raw);
  return r.ok ? `${r.indicator.type} ${r.indicator.value}` : `! ${r.code}`;
}

function all(text: string): string {
  return extract(text)
    .map((f) => `${f.type} ${f.value}`)
    .join(' | ');
}

export function refangOutcome(c: RefangCase): Outcome {
  const key = c.input;
  if (c.alone) {
    const actual = refang(c.input);
    return { key, expected: c.input, actual, pass: actual === c.input };
  }
  if (c.extracts) {
    const expected = c.extracts.map(one).join(' | ');
    const actual = all(c.input);
    return { key, expected, actual, pass: actual === expected };
  }
  const fanged = c.fanged!;
  const want = tryNormalize(fanged);
  if (want.ok) {
    const expected = one(fanged);
    const actual = one(c.input);
    return { key, expected, actual, pass: actual === expected };
  }
  const expected = all(fanged);
  const actual = all(c.input);
  return { key, expected: expected || '(nothing extracted from the fanged text)', actual, pass: expected !== '' && actual === expected };
}

export function refangSuite(rel: string): { doc: RefangSuite; outcomes: Outcome[] } {
  const doc = readJson<RefangSuite>(rel);
  return { doc, outcomes: doc.cases.map(refangOutcome) };
}
