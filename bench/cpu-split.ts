/**
 * Where the CPU of a bench's measurement window went, per process: the named Node processes (API, workers), the
 * bench process itself (the load tool, or the code measured in-process), PostgreSQL (this bench's backends, other
 * databases' backends, the server's own processes), Redis, and everything else on the machine (other users' work,
 * the kernel). Read from Linux's /proc: utime + stime of each process, and the machine's busy time from /proc/stat,
 * at the start and the end of the window. Elsewhere it records nothing.
 *
 * A process that exits inside the window takes its CPU time with it (a PostgreSQL backend that disconnects, say):
 * that time is still in the machine's busy time, so it shows under "everything else on the machine". (The
 * postmaster's cutime would hold it, but with the backend's whole life, not its share of the window.)
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';

export interface CpuShare {
  name: string;
  cpuSeconds: number;
}

export interface CpuSplit {
  /** Wall seconds of the window, and its bounds on the monotonic clock (µs, as in a .cpuprofile's timestamps). */
  seconds: number;
  startUs: number;
  endUs: number;
  cores: number;
  /** Busy CPU seconds of the whole machine over the window (all cores); the processes below are part of it. */
  machineBusySeconds?: number;
  processes: CpuShare[];
}

export const BENCH_PROCESS = 'bench process';
const OTHER = 'everything else on the machine';

const TICK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100; // USER_HZ on Linux
  }
})();

/** Databases the bench created (support.ts's recreateDatabase), so their backends count as the bench's own. */
export const benchDatabases = new Set<string>();

interface Stat {
  ticks: number;
  start: string;
}

function stat(pid: number): Stat | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: the fields are counted after the last ")".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(f[11]) + Number(f[12]), start: f[19] };
  } catch {
    return undefined;
  }
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

// A backend's title: "postgres: 15/main: <user> <database> <host(port)|[local]> <activity>".
const BACKEND = /^postgres: [^:]+: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/;

/** The name a process of the machine counts under, or undefined when it is not one of the services. */
function serviceOf(pid: number): string | undefined {
  const comm = read(`/proc/${pid}/comm`).trim();
  if (comm === 'redis-server') return 'Redis (whole server)';
  if (!comm.startsWith('postgres')) return undefined;
  const title = read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ').trim();
  const backend = BACKEND.exec(title);
  if (!backend) return title.startsWith('postgres:') ? 'PostgreSQL server processes (WAL, checkpoints, vacuum)' : 'postmaster';
  return benchDatabases.has(backend[1]) ? "PostgreSQL: this bench's backends" : 'PostgreSQL: other databases (not this bench)';
}

interface Snapshot {
  atUs: number;
  machineBusy?: number;
  self: number;
  procs: Map<number, { name: string; stat: Stat }>;
}

function machineBusyTicks(): number | undefined {
  const line = read('/proc/stat').split('\n')[0];
  if (!line.startsWith('cpu ')) return undefined;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait (guest time is inside user).
  return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
}

function snapshot(named: Record<string, ChildProcess | undefined>): Snapshot {
  const procs = new Map<number, { name: string; stat: Stat }>();
  const namedPids = new Map<number, string>();
  for (const [name, p] of Object.entries(named)) if (p?.pid) namedPids.set(p.pid, name);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const name = namedPids.get(pid) ?? serviceOf(pid);
    const s = name === undefined ? undefined : stat(pid);
    if (name !== undefined && s) procs.set(pid, { name, stat: s });
  }
  const self = process.cpuUsage();
  return { atUs: Number(process.hrtime.bigint() / 1000n), machineBusy: machineBusyTicks(), self: (self.user + self.system) / 1e6, procs };
}

function split(a: Snapshot, b: Snapshot): CpuSplit {
  const by = new Map<string, number>();
  const add = (name: string, seconds: number) => by.set(name, (by.get(name) ?? 0) + seconds);
  for (const [pid, end] of b.procs) {
    const start = a.procs.get(pid);
    const same = start !== undefined && start.stat.start === end.stat.start;
    // A process born inside the window counts from zero.
    add(end.name, (end.stat.ticks - (same ? start.stat.ticks : 0)) / TICK);
  }
  add(BENCH_PROCESS, b.self - a.self);
  const attributed = [...by.values()].reduce((x, y) => x + y, 0);
  const machineBusySeconds =
    a.machineBusy !== undefined && b.machineBusy !== undefined ? (b.machineBusy - a.machineBusy) / TICK : undefined;
  if (machineBusySeconds !== undefined) add(OTHER, Math.max(0, machineBusySeconds - attributed));
  const processes = [...by]
    .filter(([, s]) => s > 0.005)
    .map(([name, s]) => ({ name: name === 'postmaster' ? 'PostgreSQL postmaster' : name, cpuSeconds: Number(s.toFixed(3)) }))
    .sort((x, y) => y.cpuSeconds - x.cpuSeconds);
  return {
    seconds: Number(((b.atUs - a.atUs) / 1e6).toFixed(3)),
    startUs: a.atUs,
    endUs: b.atUs,
    cores: os.cpus().length,
    machineBusySeconds: machineBusySeconds === undefined ? undefined : Number(machineBusySeconds.toFixed(3)),
    processes,
  };
}

/** The splits of the windows this process has closed, in order; emit() reports the first (the headline measurement). */
export const cpuWindows: CpuSplit[] = [];

/**
 * Starts a window over the named processes (a map, or a function giving it, for processes started inside the window);
 * stop() closes it, records it in cpuWindows and returns its split. Undefined figures off Linux.
 */
export function cpuWindow(procs: Record<string, ChildProcess | undefined> | (() => Record<string, ChildProcess | undefined>)) {
  const named = () => (typeof procs === 'function' ? procs() : procs);
  const start = process.platform === 'linux' ? snapshot(named()) : undefined;
  return {
    stop(): CpuSplit | undefined {
      if (!start) return undefined;
      const s = split(start, snapshot(named()));
      cpuWindows.push(s);
      return s;
    },
  };
}
