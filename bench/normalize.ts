/*
 * Throughput of normalize() on a realistic mixed stream, on one core.
 *   npx nest build            (or any tsc build of bench/) then
 *   node dist/bench/normalize.js [seconds]
 *   node dist/bench/normalize.js --values=N     exactly N values after the warm-up, no baseline: for callgrind
 * Values are generated from a fixed seed, so every run sees the same stream. The
 * baseline is fingerprint() alone over the same raw values in the same process: a
 * floor that shows how much of the cost is the parsing rather than the hashing.
 * Rates are per second of wall time and per second of CPU time (see run()), with the load average beside them.
 * The last line is one JSON object for CI/dashboards.
 *
 * Instructions per value, whatever the load on the machine (valgrind counts instructions, not time):
 *   valgrind --tool=callgrind node dist/bench/normalize.js --values=100000   and again with --values=0;
 *   (Ir of the first − Ir of the second) / 100000.
 */
import * as indicators from '@scamintel/indicators';
import type { NormalizeOptions } from '@scamintel/indicators';
import { emit, rng, underTest } from './support';
import { cpuWindow } from './cpu-split';
import { fingerprint } from '@scamintel/vocabulary';
import * as os from 'node:os';

// The normaliser of the build under test (BENCH_APP_ROOT's when set, support.ts); the baseline's fingerprint() is ours.
const { tryNormalize } = underTest('libs/indicators/src/index.js', indicators);
const rnd = rng(20261128);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const word = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 26)]).join('');
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const makers: (() => [string, NormalizeOptions])[] = [
  () => [`010-${digits(4)}-${digits(4)}`, { region: 'KR' }],
  () => [`+82 10 ${digits(4)} ${digits(4)}`, { region: 'SG' }],
  () => [`02-${digits(3)}-${digits(4)}`, { region: 'KR' }],
  () => [`1588-${digits(4)}`, { region: 'KR' }],
  () => [`０１０－${digits(4)}－${digits(4)}`.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))), { region: 'KR' }],
  () => [`${pick(['8', '9'])}${digits(3)} ${digits(4)}`, { region: 'SG' }],
  () => [`+65 6${digits(3)} ${digits(4)}`, { region: 'SG' }],
  () => [`1800 ${digits(3)} ${digits(4)}`, { region: 'SG' }],
  () => [
    `${pick(['https', 'http', 'hxxps'])}://${word(6)}-${pick(['secure', 'login', 'verify'])}${pick(['.', '[.]'])}${pick(['top', 'xyz', 'com', 'co.kr', 'com.sg'])}/${word(5)}?id=${digits(6)}#frag`,
    {},
  ],
  () => [`http://${word(4)}.${word(7)}.com/a/../b/./c//d%2e%68tml`, {}],
  () => [`${word(8)}${pick(['.', '[.]'])}${pick(['top', 'shop', 'com', 'kr', 'sg', 'pages.dev'])}`, {}],
  () => [`${word(6)}.${digits(2)}${pick(['@', '[at]'])}${pick(['gmail.com', 'naver.com', 'daum.net'])}`, {}],
  () => [
    `${Math.floor(rnd() * 223) + 1}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}${pick(['.', '[.]'])}${Math.floor(rnd() * 256)}`,
    {},
  ],
  () => [`2001:db8:${digits(2)}::${digits(1)}`, {}],
  () => [`${pick(['국민은행', 'KB', '신한', '우리은행', '카카오뱅크'])} ${digits(3)}-${digits(3)}-${digits(6)}`, { region: 'KR' }],
  () => [`${pick(['DBS', 'POSB', 'OCBC', 'UOB'])} ${digits(3)}-${digits(5)}-${digits(1)}`, { region: 'SG' }],
  () => [`0x${Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('')}`, {}],
  () => [
    pick(['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t']),
    {},
  ],
  () => [`${pick(['telegram:@', 't.me/', 'instagram.com/', 'x.com/'])}${word(6)}_${digits(2)}`, {}],
  // invalid or non-indicators: part of any real stream
  () => [`010-${digits(3)}`, { region: 'KR' }],
  () => [`1${B58[Math.floor(rnd() * 58)]}${Array.from({ length: 32 }, () => B58[Math.floor(rnd() * 58)]).join('')}`, {}],
  () => [pick(['hello world', '2025-11-03', '$1,500.00', `report${digits(2)}.pdf`, '@someone']), {}],
];

const POOL = 20000;
const pool: [string, NormalizeOptions][] = Array.from({ length: POOL }, () => pick(makers)());

interface Rate {
  wall: number;
  cpu: number;
}

/*
 * Values per second of wall time, and per second of this process's CPU time: on a shared, loaded machine the wall
 * figure drops with every other process, the CPU figure much less. Both are printed; compare either with the
 * baseline of the same run.
 */
function run(seconds: number, fn: (i: number) => void): Rate {
  // Warm-up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < POOL; i++) fn(i);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let n = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 1000; i++) fn((n + i) % POOL);
    n += 1000;
  }
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return { wall: n / elapsed, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

const fixed = process.argv.find((a) => a.startsWith('--values='));
if (fixed) {
  const count = Number(fixed.slice(9));
  for (let i = 0; i < POOL; i++) tryNormalize(pool[i][0], pool[i][1]);
  const c0 = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < count; i++) sum += tryNormalize(pool[i % POOL][0], pool[i % POOL][1]).ok ? 1 : 0;
  const cpu = process.cpuUsage(c0);
  console.log(`${count} values (${sum} normalised) in ${((cpu.user + cpu.system) / 1e3).toFixed(0)} ms of CPU`);
  process.exit(0);
}

const seconds = Number(process.argv[2] ?? 3);
let ok = 0;
for (const [raw, opts] of pool) if (tryNormalize(raw, opts).ok) ok++;
let sink = 0;
const baseline = run(seconds, (i) => {
  sink += fingerprint('url', pool[i][0]).length;
});
// The window of the normalize() run: its CPU split, and the samples `npm run bench` keeps from a profile of it.
const window = cpuWindow({});
const rate = run(seconds, (i) => {
  const r = tryNormalize(pool[i][0], pool[i][1]);
  if (r.ok) sink += r.indicator.value.length;
});
window.stop();
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const load = os.loadavg()[0];
console.log(`pool: ${POOL} values, ${ok} normalise, ${POOL - ok} rejected (seed 20261128); load average ${load.toFixed(2)}`);
console.log('values/s wall: per second of elapsed time (drops with every other process on the machine);');
console.log('values per CPU-second: per second of CPU time this process used (what one core does, the goal figure)');
console.log(`normalize():   ${fmt(rate.wall)} values/s wall, ${fmt(rate.cpu)} values per CPU-second`);
console.log(`fingerprint(): ${fmt(baseline.wall)} values/s wall, ${fmt(baseline.cpu)} values per CPU-second (baseline)`);
console.log(`goal ≥ 250,000 values per CPU-second: ${rate.cpu >= 250_000 ? 'met' : 'NOT met'}`);
if (sink < 0) console.log(sink);
emit({
  bench: 'normalize',
  valuesPerSec: Math.round(rate.wall),
  baselinePerSec: Math.round(baseline.wall),
  ratio: Number((rate.wall / baseline.wall).toFixed(4)),
  valuesPerCpuSec: Math.round(rate.cpu),
  baselinePerCpuSec: Math.round(baseline.cpu),
  cpuRatio: Number((rate.cpu / baseline.cpu).toFixed(4)),
  loadAverage: Number(load.toFixed(2)),
});
