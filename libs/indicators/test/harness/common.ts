import * as fs from 'fs';
import * as path from 'path';

/*
 * Shared by the vector specs (Jest) and report.ts (prints pass rates): a case passes when our output is the
 * published expectation. A case we deliberately answer differently is listed in the suite's exclusions with
 * the reason and our own answer; the specs check that every excluded case still gives exactly that answer,
 * and that no other case deviates. Nothing is dropped silently.
 */

export interface Outcome {
  key: string;
  expected: string;
  actual: string;
  pass: boolean;
}

export interface Exclusion {
  key: string;
  reason: string;
  ours: string;
}

/** libs/indicators/test, from src (Jest) or from dist (node dist/…/report.js). */
export function vectorsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'libs', 'indicators', 'test');
    if (fs.existsSync(path.join(candidate, 'README.md'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('libs/indicators/test not found above ' + __dirname);
    dir = parent;
  }
}

export function readVector(rel: string): string {
  return fs.readFileSync(path.join(vectorsDir(), rel), 'utf8');
}

export function readJson<T>(rel: string): T {
  return JSON.parse(readVector(rel)) as T;
}

/** Exclusion lists are JSON arrays of {key, reason, ours}; a missing file means no exclusions. */
export function readExclusions(rel: string): Map<string, Exclusion> {
  const p = path.join(vectorsDir(), rel);
  const list: Exclusion[] = fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : [];
  return new Map(list.map((e) => [e.key, e]));
}

export interface Tally {
  suite: string;
  total: number;
  pass: number;
  excluded: number;
  fail: number;
}

export function tally(suite: string, outcomes: Outcome[], exclusions: Map<string, Exclusion>): Tally {
  let pass = 0;
  let excluded = 0;
  let fail = 0;
  for (const o of outcomes) {
    if (o.pass) pass++;
    else if (exclusions.get(o.key)?.ours === o.actual) excluded++;
    else fail++;
  }
  return { suite, total: outcomes.length, pass, excluded, fail };
}
