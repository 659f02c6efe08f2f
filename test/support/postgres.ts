import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@scamintel/persistence';

/** The newest PostgreSQL server binaries on this machine (Debian keeps them under /usr/lib/postgresql/<major>/bin). */
function pgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, 'bin/postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)');
  return path.join(base, versions[0], 'bin');
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/**
 * A private PostgreSQL cluster in a temp dir on its own port, so a test can SIGKILL its postmaster (as an operator's
 * `kill -9` would) and start it again on the same data, without touching the server other tests share.
 */
export class PrivatePostgres {
  private readonly bin = pgBin();
  private readonly user = runAs();
  private readonly dir: string;
  private child?: ChildProcess;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'scamintel-pg-'));
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  databaseUrl(name: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async init(): Promise<void> {
    execFileSync(
      path.join(this.bin, 'initdb'),
      ['-D', path.join(this.dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
      {
        stdio: 'ignore',
        ...this.user,
      },
    );
    await this.start();
  }

  /**
   * Starts the postmaster on the existing data (after a crash it runs crash recovery first) and waits until it accepts.
   * A postmaster started while the killed one's backends still hold shared memory exits at once: start it again.
   */
  async start(): Promise<void> {
    const end = Date.now() + 60000;
    this.child = this.spawnPostmaster();
    for (;;) {
      if (this.child.exitCode !== null) this.child = this.spawnPostmaster();
      const c = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      c.on('error', () => undefined);
      try {
        await c.connect();
        await c.query('SELECT 1');
        await c.end();
        return;
      } catch {
        await c.end().catch(() => undefined);
      }
      if (Date.now() > end) throw new Error('private postgres did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private spawnPostmaster(): ChildProcess {
    const settings = ['listen_addresses=127.0.0.1', 'max_connections=100', 'shared_buffers=32MB'];
    const args = ['-D', path.join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, ...settings.flatMap((s) => ['-c', s])];
    return spawn(path.join(this.bin, 'postgres'), args, { stdio: 'ignore', ...this.user });
  }

  /** `kill -9` on the postmaster: its backends notice and exit on their own, as after a real crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  async createDatabase(name: string): Promise<string> {
    const c = new Client({ connectionString: this.url });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
    const url = this.databaseUrl(name);
    await runMigrations(url);
    return url;
  }

  /** Stops the server (fast shutdown, then SIGKILL if it lingers) and removes its files. */
  async destroy(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 10000);
      await gone;
      clearTimeout(t);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
