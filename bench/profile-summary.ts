/**
 * Where the CPU goes in a process: a `.cpuprofile` (BENCH_PROFILE=<dir> on any bench writes one per process)
 * summarised as self time per function and per package, the heaviest first. Idle samples (the process waiting) are
 * left out of the shares and counted apart. `npm run bench` uses summariseProfile() for its "Where the time goes".
 *   node dist/bench/profile-summary.js <file.cpuprofile | dir> [top=25] [startUs endUs]
 * startUs/endUs keep only the samples of that window of the monotonic clock (a bench's cpuSplit.startUs/endUs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** CPU seconds sampled (idle left out), and the idle seconds of the same span. */
  cpuSeconds: number;
  idleSeconds: number;
  packages: [name: string, share: number][];
  functions: [name: string, share: number][];
}

/** The package (node_modules/<name>), the project's own lib or app, node's internals, or V8's own work. */
function ownerOf(f: Node['callFrame']): string {
  if (!f.url)
    return f.functionName.startsWith('RegExp:') ? '(regular expressions)' : f.functionName.startsWith('(') ? f.functionName : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url);
  if (m) return m[1];
  if (f.url.startsWith('node:')) return 'node internals';
  const lib = /\/(libs|apps|bench)\/([^/.]+)/.exec(f.url);
  return lib ? `${lib[1]}/${lib[2]}` : f.url;
}

const top = (m: Map<string, number>, total: number, k: number): [string, number][] =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, us]) => [name, Number((us / total).toFixed(4))]);

/** Self time per package and per function of one profile, optionally only over [startUs, endUs]. */
export function summariseProfile(file: string, k = 25, window?: { startUs: number; endUs: number }): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  let at = p.startTime;
  let busy = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    at += us;
    if (window && (at < window.startUs || at > window.endUs)) return;
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    const fn = f.functionName.length > 90 ? `${f.functionName.slice(0, 90)}…` : f.functionName;
    const name = `${fn || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
    owners.set(ownerOf(f), (owners.get(ownerOf(f)) ?? 0) + us);
  });
  const total = busy || 1;
  return { file, cpuSeconds: busy / 1e6, idleSeconds: idle / 1e6, packages: top(owners, total, 15), functions: top(fns, total, k) };
}

/** Every .cpuprofile under a directory (or the file itself). */
export function profilesIn(target: string): string[] {
  return statSync(target).isDirectory()
    ? readdirSync(target, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(target, f))
        .sort()
    : [target];
}

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;

function main(): void {
  const [target, topArg, startArg, endArg] = process.argv.slice(2);
  if (!target) {
    process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile | dir> [top] [startUs endUs]\n');
    process.exit(2);
  }
  const window = startArg && endArg ? { startUs: Number(startArg), endUs: Number(endArg) } : undefined;
  for (const f of profilesIn(target)) {
    const s = summariseProfile(f, Number(topArg ?? 25), window);
    process.stdout.write(`\n${f}: ${s.cpuSeconds.toFixed(1)} s of CPU sampled (idle ${s.idleSeconds.toFixed(1)} s)\n  by package:\n`);
    for (const [name, share] of s.packages) process.stdout.write(`    ${pct(share)}  ${name}\n`);
    process.stdout.write('  by function (self time):\n');
    for (const [name, share] of s.functions) process.stdout.write(`    ${pct(share)}  ${name}\n`);
  }
}

if (require.main === module) main();
