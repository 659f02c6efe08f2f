/**
 * "Where the time goes" in docs/benchmarks.md, for every path whose goal was not met: the CPU split per process over
 * the bench's measurement window (cpu-split.ts, from the measured run), and the heaviest packages and functions of
 * each Node process from CPU profiles of a second run of the same bench (`npm run bench` re-runs it with
 * BENCH_PROFILE, so the measured figures carry no profiler overhead). Profile samples are kept only inside that
 * run's own measurement window when it reported one.
 */
import * as path from 'node:path';
import type { CpuSplit } from './cpu-split';
import { profilesIn, summariseProfile } from './profile-summary';
import type { Result, Row } from './report';

export interface ProcessProfile {
  process: string;
  cpuSeconds: number;
  idleSeconds: number;
  windowOnly: boolean;
  packages: [string, number][];
  functions: [string, number][];
}

/** The profiles a profiled run left under `dir` (one directory per process kind), summarised. */
export function profilesOf(dir: string, window?: CpuSplit): ProcessProfile[] {
  let files: string[];
  try {
    files = profilesIn(dir);
  } catch {
    return [];
  }
  return files.map((file) => {
    const s = summariseProfile(file, 10, window);
    // <dir>/<api-sg-bench | worker-kr-bench | bench>/CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
    const pid = /\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file)?.[1];
    const kind = path.basename(path.dirname(file));
    return {
      process: `${kind === 'bench' ? 'bench process' : kind}${pid ? ` (pid ${pid})` : ''}`,
      cpuSeconds: Number(s.cpuSeconds.toFixed(2)),
      idleSeconds: Number(s.idleSeconds.toFixed(2)),
      windowOnly: window !== undefined,
      packages: s.packages.slice(0, 8),
      functions: s.functions,
    };
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");

function splitLines(split: CpuSplit, units?: { count: number; unit: string }): string[] {
  const perUnit = units && units.count > 0;
  // CPU ms per 1,000 units, or per unit when the units are few and large (batches of 1,000 values).
  const per = units && units.count / split.seconds < 100 ? 1 : 1000;
  return [
    `CPU per process over the measurement window (${split.seconds.toFixed(1)} s on ${split.cores} cores = ${(split.seconds * split.cores).toFixed(1)} CPU-seconds available${split.machineBusySeconds !== undefined ? `, ${split.machineBusySeconds.toFixed(1)} used by the whole machine` : ''}):`,
    '',
    `| process | CPU seconds | cores busy (avg) |${perUnit ? ` CPU ms per ${per === 1 ? units.unit.replace(/(?<=ch)es$|s$/, '') : `1,000 ${units.unit}`} |` : ''}`,
    `| --- | --- | --- |${perUnit ? ' --- |' : ''}`,
    ...split.processes.map(
      (p) =>
        `| ${p.name} | ${p.cpuSeconds.toFixed(2)} | ${(p.cpuSeconds / split.seconds).toFixed(2)} |${perUnit ? ` ${((p.cpuSeconds * 1e3 * per) / units.count).toFixed(1)} |` : ''}`,
    ),
    '',
  ];
}

function profileLines(profiles: ProcessProfile[]): string[] {
  if (!profiles.length)
    return ['No CPU profile was taken: the run had `--no-profile` or `BENCH_PROFILE` set, or the profiled run failed.', ''];
  const lines = [
    `From CPU profiles of a second, profiled run of the same bench${profiles[0].windowOnly ? ', samples of its measurement window only' : ' (whole run)'}; self time, idle left out:`,
    '',
  ];
  for (const p of profiles.filter((x) => x.cpuSeconds > 0.05)) {
    lines.push(
      `- **${p.process}**: ${p.cpuSeconds.toFixed(1)} s of CPU sampled (idle ${p.idleSeconds.toFixed(1)} s)`,
      `  - by package: ${p.packages.map(([n, s]) => `${esc(n)} ${pct(s)}`).join(', ')}`,
      `  - by function: ${p.functions
        .slice(0, 8)
        .map(([n, s]) => `\`${esc(n)}\` ${pct(s)}`)
        .join(', ')}`,
    );
  }
  lines.push('');
  return lines;
}

/** The section, for the rows whose goal is not met (nothing when every goal is met). */
export function whereTimeGoes(results: Result[], rows: Row[]): string[] {
  const missed = results.map((r, i) => ({ r, row: rows[i] })).filter((x) => x.row.met === false);
  if (!missed.length) return [];
  const lines = [
    '## Where the time goes',
    '',
    'For each path whose goal is not met. "bench process" is the load tool (autocannon) or, for the normaliser, the code',
    'measured itself; "everything else on the machine" is CPU used by processes that are not part of the bench (other',
    'users, the kernel, backends that disconnected inside the window): on a shared machine, what the bench competed with.',
    '',
  ];
  for (const { r, row } of missed) {
    lines.push(`### ${row.path}`, '');
    const split = r.cpuSplit as CpuSplit | undefined;
    const count = row.perSec !== undefined && split ? row.perSec * split.seconds : undefined;
    if (split) lines.push(...splitLines(split, count ? { count, unit: row.unit.replace(/\/s$/, '') } : undefined));
    else lines.push('No CPU split was recorded for this bench (it opened no measurement window, or not on Linux).', '');
    lines.push(...profileLines((r.profiles as ProcessProfile[] | undefined) ?? []));
  }
  return lines;
}
