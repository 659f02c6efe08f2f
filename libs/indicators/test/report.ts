/*
 * Pass rates of every published vector suite, as in README.md:
 *   npx nest build api && node dist/libs/indicators/test/report.js
 */
import { readExclusions, tally } from './harness/common';
import type { Outcome, Tally } from './harness/common';
import { idnaOutcomes } from './harness/idna';
import { pslOutcomes } from './harness/psl';
import { REFANG_SUITES, refangSuite } from './harness/refang';
import { gsbOutcomes, oddIpv4Outcomes, whatwgOutcomes } from './harness/url';

export const SUITES: [string, () => Outcome[], string][] = [
  ...REFANG_SUITES.map((rel): [string, () => Outcome[], string] => [
    rel,
    () => refangSuite(rel).outcomes,
    rel.replace('.json', '.exclusions.json'),
  ]),
  ['psl/test_psl.txt', pslOutcomes, 'psl/exclusions.json'],
  ['idna/IdnaTestV2.txt', idnaOutcomes, 'idna/exclusions.json'],
  ['url/gsb.json', gsbOutcomes, 'url/gsb.exclusions.json'],
  ['url/urltestdata.json + toascii.json (WHATWG hosts)', whatwgOutcomes, 'url/whatwg.exclusions.json'],
  ['ip/ioc-finder-odd-ipv4.json', oddIpv4Outcomes, 'ip/ioc-finder-odd-ipv4.exclusions.json'],
];

if (require.main === module) {
  const rows: Tally[] = SUITES.map(([name, run, excl]) => tally(name, run(), readExclusions(excl)));
  const pct = (a: number, b: number) => ((100 * a) / b).toFixed(1) + '%';
  for (const r of rows)
    console.log(`${r.suite}: ${r.pass}/${r.total} pass (${pct(r.pass, r.total)}), ${r.excluded} excluded, ${r.fail} failing`);
  if (process.argv.includes('--failures')) {
    for (const [name, run, excl] of SUITES) {
      const ex = readExclusions(excl);
      for (const o of run()) if (!o.pass && ex.get(o.key)?.ours !== o.actual) console.log(JSON.stringify({ suite: name, ...o }));
    }
  }
}
