import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AppConfig, ConfigError, loadConfig } from '@scamintel/config';
import { configVariables, environmentOf, readCompose, Service } from './support/compose';
import { runtimeStage } from './support/dockerfile';
import { ROOT } from './support/processes';

/*
 * The compose files checked the way `docker compose config` and then the processes would read them (Docker is not on
 * these machines): every variable a process gets is one libs/config knows and accepts, and every process has what it
 * needs in a container — the database and Redis by service name, its node's identity, a listen address reachable from
 * outside, a volume for its key, health checks and start order.
 */
const IMAGE = 'scamintel:local';
/** Variables a process may get that libs/config does not read, and who reads them. */
const NOT_CONFIG: Record<string, string> = { NODE_ENV: 'Node libraries (production mode)' };
const KNOWN = configVariables();
const TEST_ENV = { SG_ADMIN_KEY: 'k'.repeat(32), KR_ADMIN_KEY: 'q'.repeat(32) };
const INITDB = readdirSync(path.join(ROOT, 'docker/initdb'))
  .map((f) => readFileSync(path.join(ROOT, 'docker/initdb', f), 'utf8'))
  .join('\n');
const image = runtimeStage();

type Role = 'api' | 'worker' | 'migrate';

interface Proc {
  service: string;
  role: Role;
  env: Record<string, string>;
  /** Variables set by the compose file itself (service environment or inline), not inherited from the image. */
  own: Set<string>;
  svc: Service;
}

function roleOf(argv: string[]): Role | undefined {
  const line = argv.join(' ');
  if (line.includes('dist/apps/api/src/main.js')) return 'api';
  if (line.includes('dist/apps/worker/src/main.js')) return 'worker';
  if (line.includes('dist/scripts/migrate.js')) return 'migrate';
  return undefined;
}

/** The processes of one service: its command (or the image's CMD); `sh -c "A=1 node x && B=2 node y"` is two. */
function processesOf(service: string, svc: Service): Proc[] {
  const argv = typeof svc.command === 'string' ? ['sh', '-c', svc.command] : (svc.command ?? image.cmd ?? []);
  const steps = argv[0] === 'sh' && argv[1] === '-c' ? argv[2].split(/&&|;/).map((s) => s.trim().split(/\s+/)) : [argv];
  const env = environmentOf(svc);
  return steps.flatMap((words) => {
    const inline: Record<string, string> = {};
    while (words.length && /^\w+=/.test(words[0])) {
      const [k, ...v] = words.shift()!.split('=');
      inline[k] = v.join('=');
    }
    const role = roleOf(words);
    if (!role) return [];
    return [{ service, role, svc, env: { ...image.env, ...env, ...inline }, own: new Set([...Object.keys(env), ...Object.keys(inline)]) }];
  });
}

function config(p: Proc): AppConfig | string[] {
  try {
    return loadConfig(p.env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

/** The named volume (or bind source) mounted at or above `dir` in the container. */
function volumeAt(svc: Service, dir: string): string | undefined {
  for (const v of svc.volumes ?? []) {
    const [source, target] = v.split(':');
    if (dir === target || dir.startsWith(`${target}/`)) return source;
  }
  return undefined;
}

describe.each(['docker-compose.yml', 'docker-compose.scale.yml'])('%s', (file) => {
  const { compose, names, raw } = readCompose(file, TEST_ENV);
  const services = compose.services;
  const procs = Object.entries(services)
    .filter(([, s]) => s.image === IMAGE)
    .flatMap(([name, s]) => processesOf(name, s));
  const nodeProcs = procs.filter((p) => p.role !== 'migrate');

  it('runs migrations, APIs and workers from the one image, each service built or pulled', () => {
    for (const [name, s] of Object.entries(services)) expect([name, !!(s.image || s.build)]).toEqual([name, true]);
    expect(new Set(procs.map((p) => p.role))).toEqual(new Set(['migrate', 'api', 'worker']));
  });

  it('gives every process only variables libs/config knows, with values it accepts', () => {
    const problems: string[] = [];
    for (const p of procs) {
      for (const name of Object.keys(p.env))
        if (!KNOWN.has(name) && !NOT_CONFIG[name]) problems.push(`${p.service}: ${name} is not a setting libs/config reads`);
      const c = config(p);
      if (Array.isArray(c)) problems.push(...c.map((line) => `${p.service}: ${line}`));
    }
    expect(problems).toEqual([]);
  });

  it('gives every process what a container needs: services by name, its node identity, a reachable port, a volume', () => {
    const problems: string[] = [];
    const need = (p: Proc, ok: boolean, what: string) => ok || problems.push(`${p.service} (${p.role}): ${what}`);
    for (const p of procs) {
      const c = config(p) as AppConfig;
      const db = new URL(c.databaseUrl);
      need(p, p.own.has('DATABASE_URL') && !!services[db.hostname], `DATABASE_URL must name the database service, not ${db.hostname}`);
      need(
        p,
        new RegExp(`CREATE DATABASE ${db.pathname.slice(1)}\\b`).test(INITDB),
        `database ${db.pathname.slice(1)} is not created by docker/initdb`,
      );
      if (p.role === 'migrate') continue;
      need(p, p.own.has('REDIS_URL') && !!services[new URL(c.redisUrl).hostname], 'REDIS_URL must name the Redis service');
      need(p, p.own.has('NODE_ID') && p.own.has('JURISDICTION'), 'NODE_ID and JURISDICTION must be set (defaults are for development)');
      need(p, !!volumeAt(p.svc, c.dataDir), `DATA_DIR ${c.dataDir} must be on a volume (the node's signing key lives there)`);
      if (p.role === 'api') {
        need(p, c.host === '0.0.0.0', `HOST ${c.host} is not reachable from outside the container`);
        need(
          p,
          (p.svc.ports ?? []).every((port) => port.endsWith(`:${c.port}`)),
          `published ports must target PORT ${c.port}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps each node whole: its processes share database, Redis, queue prefix and key volume; nodes share none of them', () => {
    const byNode = new Map<string, Proc[]>();
    for (const p of nodeProcs) byNode.set(p.env.NODE_ID, [...(byNode.get(p.env.NODE_ID) ?? []), p]);
    const identity = (p: Proc) => {
      const c = config(p) as AppConfig;
      return {
        databaseUrl: c.databaseUrl,
        redisUrl: c.redisUrl,
        queuePrefix: c.queuePrefix,
        jurisdiction: c.jurisdiction,
        keys: volumeAt(p.svc, c.dataDir),
      };
    };
    const seen = { databaseUrl: new Set<string>(), queuePrefix: new Set<string>(), keys: new Set<string | undefined>() };
    for (const [node, ps] of byNode) {
      expect([node, new Set(ps.map((p) => p.role))]).toEqual([node, new Set(['api', 'worker'])]);
      const ids = ps.map(identity);
      for (const id of ids) expect(id).toEqual(ids[0]);
      for (const k of ['databaseUrl', 'queuePrefix', 'keys'] as const) {
        expect(seen[k].has(ids[0][k] as string)).toBe(false);
        seen[k].add(ids[0][k] as string);
      }
    }
  });

  it('starts processes only on healthy stores and after migrations, and checks the health of each', () => {
    for (const p of nodeProcs) {
      const deps = p.svc.depends_on ?? {};
      const store = Object.keys(services).filter((s) => ['postgres', 'redis'].includes(s));
      for (const s of store) expect([p.service, s, deps[s]?.condition]).toEqual([p.service, s, 'service_healthy']);
      const migrate = procs.find((q) => q.role === 'migrate')!.service;
      expect([p.service, deps[migrate]?.condition]).toEqual([p.service, 'service_completed_successfully']);
      const check = p.svc.healthcheck?.test ?? ['CMD', ...(image.healthcheck ?? [])];
      expect([p.service, check.includes('dist/scripts/healthcheck.js'), check[check.length - 1]]).toEqual([p.service, true, p.role]);
      if (p.role === 'worker') expect([p.service, !!p.env.WORKER_METRICS_PORT]).toEqual([p.service, true]);
    }
    for (const [name, s] of Object.entries(services)) if (s.image !== IMAGE) expect([name, !!s.healthcheck?.test]).toEqual([name, true]);
  });

  it('runs Redis as BullMQ requires: append-only file fsynced every second, no eviction, on a volume', () => {
    const redis = services.redis;
    const cmd = (Array.isArray(redis.command) ? redis.command : String(redis.command).split(/\s+/)).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--appendfsync everysec');
    expect(cmd).toContain('--maxmemory-policy noeviction');
    expect(volumeAt(redis, '/data')).toBeDefined();
  });

  it('explains every variable it interpolates in its own comments', () => {
    const comments = raw
      .split('\n')
      .filter((l) => l.trimStart().startsWith('#'))
      .join('\n');
    for (const name of names) expect([name, comments.includes(name)]).toEqual([name, true]);
  });
});

describe('docker-compose.scale.yml', () => {
  it('runs one node as two API and two worker replicas', () => {
    const { compose } = readCompose('docker-compose.scale.yml', TEST_ENV);
    const replicas = (role: Role) =>
      Object.entries(compose.services)
        .filter(([name, s]) => s.image === IMAGE && processesOf(name, s).some((p) => p.role === role))
        .reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0);
    expect({ api: replicas('api'), worker: replicas('worker') }).toEqual({ api: 2, worker: 2 });
  });
});

describe('Dockerfile runtime stage', () => {
  it('runs as an unprivileged user with a health check', () => {
    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user);
    expect(image.healthcheck).toEqual(expect.arrayContaining(['dist/scripts/healthcheck.js']));
    expect(image.base).toMatch(/^node:24[.-]/);
  });
});
