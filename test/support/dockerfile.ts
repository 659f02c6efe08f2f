import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './processes';

export interface Copy {
  /** The stage it copies from (`--from=`), or undefined for the build context. */
  from?: string;
  sources: string[];
  dest: string;
  /** Docker's rule: the sources go inside `dest` when it ends with `/` or there are several. */
  destIsDir: boolean;
}

export interface Stage {
  name?: string;
  base: string;
  workdir: string;
  env: Record<string, string>;
  copies: Copy[];
  runs: string[];
  user?: string;
  healthcheck?: string[];
  cmd?: string[];
}

/** `["a", "b"]` (exec form) or `a b` (shell form, split on spaces). */
function words(rest: string): string[] {
  const t = rest.trim();
  return t.startsWith('[') ? (JSON.parse(t) as string[]) : t.split(/\s+/);
}

/** `K=V K2="V 2"` pairs of an ENV instruction (the legacy `ENV K V` form too). */
function envPairs(rest: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs = [...rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)];
  if (!pairs.length) {
    const [k, ...v] = rest.trim().split(/\s+/);
    out[k] = v.join(' ');
  }
  for (const [, k, v] of pairs) out[k] = v.startsWith('"') ? (JSON.parse(v) as string) : v;
  return out;
}

/**
 * The instructions of a Dockerfile that decide what a container holds and runs: per stage its base, WORKDIR, ENV,
 * COPY lines, RUN lines, USER, HEALTHCHECK and CMD. Line continuations are joined; comments skipped.
 */
export function parseDockerfile(file = path.join(ROOT, 'Dockerfile')): Stage[] {
  const text = readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  const stages: Stage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const instr = op?.toUpperCase();
    if (instr === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest)!;
      stages.push({ base: m[1], name: m[2], workdir: '/', env: {}, copies: [], runs: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new Error(`Dockerfile: ${instr} before FROM`);
    if (instr === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, rest.trim());
    else if (instr === 'ENV') Object.assign(stage.env, envPairs(rest));
    else if (instr === 'RUN') stage.runs.push(rest.trim());
    else if (instr === 'USER') stage.user = rest.trim();
    else if (instr === 'CMD') stage.cmd = words(rest);
    else if (instr === 'HEALTHCHECK') {
      const m = /\bCMD\s+(.*)$/.exec(rest);
      stage.healthcheck = m ? words(m[1]) : undefined;
    } else if (instr === 'COPY' || instr === 'ADD') {
      const parts = words(rest);
      const flags = parts.filter((p) => p.startsWith('--'));
      const paths = parts.filter((p) => !p.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      const [sources, dest] = [paths.slice(0, -1), paths[paths.length - 1]];
      stage.copies.push({
        from,
        sources,
        dest: path.posix.resolve(stage.workdir, dest),
        destIsDir: dest.endsWith('/') || sources.length > 1,
      });
    }
  }
  return stages;
}

/** The stage the image runs (the last one). */
export function runtimeStage(stages = parseDockerfile()): Stage {
  return stages[stages.length - 1];
}
