/**
 * Where the CPU goes in a process: a `.cpuprofile` (BENCH_PROFILE=<dir> on any bench writes one per process)
 * summarised as self time per function and per package, the heaviest first.
 *   node dist/bench/profile-summary.js <file.cpuprofile | dir> [top=25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** The package (node_modules/<name>), the project's own lib, or node's internals a frame belongs to. */
function ownerOf(url: string): string {
  if (!url) return '(native / GC / idle)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  const lib = /\/(libs|apps)\/([^/]+)\//.exec(url);
  return lib ? `${lib[1]}/${lib[2]}` : url;
}

function summarise(file: string, top: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
    owners.set(ownerOf(f.url), (owners.get(ownerOf(f.url)) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled\n  by package:\n`);
  for (const [k, v] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`    ${pct(v)}  ${k}\n`);
  process.stdout.write('  by function (self time):\n');
  for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`    ${pct(v)}  ${k}\n`);
}

const [target, topArg] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile | dir> [top]\n');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];
for (const f of files) summarise(f, Number(topArg ?? 25));
