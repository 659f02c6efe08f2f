import { readExclusions } from './harness/common';
import { SUITES } from './report';

/*
 * Every published vector suite (README.md in this folder): each case gives the published answer, or it is listed in
 * the suite's exclusions with the reason and our own answer, which must still be exactly what we give. An exclusion
 * that no longer applies fails too, so the lists cannot go stale. A failure lists each case with both answers.
 */
describe.each(SUITES.map(([name, run, excl]) => [name, run, excl] as const))('%s', (_name, run, exclusionFile) => {
  const outcomes = run();
  const exclusions = readExclusions(exclusionFile);

  it('has cases', () => {
    expect(outcomes.length).toBeGreaterThan(0);
  });

  it('every case gives the published answer, unless excluded', () => {
    const failing = outcomes.filter((o) => !o.pass && !exclusions.has(o.key));
    expect(failing.map((o) => ({ key: o.key, expected: o.expected, actual: o.actual }))).toEqual([]);
  });

  it('each excluded case still gives exactly the answer its exclusion records', () => {
    const byKey = new Map(outcomes.map((o) => [o.key, o]));
    const stale = [...exclusions.values()].filter(
      (e) => !byKey.has(e.key) || byKey.get(e.key)!.pass || byKey.get(e.key)!.actual !== e.ours,
    );
    expect(stale.map((e) => ({ key: e.key, ours: e.ours, now: byKey.get(e.key)?.actual ?? '(no such case)' }))).toEqual([]);
  });
});
