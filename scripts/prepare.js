#!/usr/bin/env node
/*
 * Makes a fresh clone ready to run: dependencies installed, PostgreSQL and Redis reachable (local services
 * first, then Docker, else the exact commands to install them), and optionally the build and the browser
 * the bulletin screenshot test needs. Plain JavaScript so it runs before anything is installed or built.
 *   node scripts/prepare.js [--build | --build-if-missing] [--browser]
 */
'use strict';
const { execSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const log = (m) => process.stderr.write(`[prepare] ${m}\n`);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, opts = {}) => execSync(cmd, { cwd: root, stdio: 'inherit', ...opts });

function reachable(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function dependencies() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log('installing dependencies (npm ci)');
  run('npm ci --no-audit --no-fund');
}

const SERVICES = [
  {
    name: 'PostgreSQL',
    port: 5432,
    compose: 'postgres',
    start: () => {
      if (!has('pg_ctlcluster') || !fs.existsSync('/etc/postgresql')) return false;
      for (const v of fs.readdirSync('/etc/postgresql'))
        spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'inherit' });
      return true;
    },
    install: 'apt-get install -y postgresql   # or: brew install postgresql@16 && brew services start postgresql@16',
  },
  {
    name: 'Redis',
    port: 6379,
    compose: 'redis',
    start: () => {
      if (!has('redis-server')) return false;
      spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], {
        stdio: 'inherit',
      });
      return true;
    },
    install: 'apt-get install -y redis-server   # or: brew install redis && brew services start redis',
  },
];

function dockerWorks() {
  return has('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

async function services() {
  for (const s of SERVICES) {
    if (await reachable(s.port)) continue;
    log(`${s.name} is not answering on 127.0.0.1:${s.port}; starting it`);
    if (s.start() && (await waitFor(s.port, 20))) continue;
    if (dockerWorks()) {
      run(`docker compose up -d --wait ${s.compose}`);
      if (await waitFor(s.port, 60)) continue;
    }
    log(
      `could not start ${s.name}. Install and start it, then run the command again:\n    ${s.install}\n  or start the Docker services:  docker compose up -d --wait postgres redis`,
    );
    process.exit(1);
  }
  // The trust-auth 'postgres' role is what the defaults and the tests use.
}

function browser() {
  const chromium = fs.existsSync('/usr/bin/chromium');
  const cjk = spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "Noto Sans CJK"']).status === 0;
  if (chromium && cjk) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    log('installing Chromium and CJK fonts for the bulletin screenshot test (apt-get)');
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-liberation >/dev/null', {
      shell: '/bin/bash',
    });
    return;
  }
  log('Chromium or the CJK fonts are missing; the bulletin screenshot test needs: apt-get install chromium fonts-noto-cjk');
}

/*
 * The project runs on Node 24 LTS. Where the system Node is older, the registry's Node binary package (an optional
 * dependency per platform, with "bin": {"node"}) is in node_modules/.bin, which `npm run` puts first on PATH: every
 * later command of the script line runs on it. This step itself re-runs on that Node once it is installed.
 */
function runtime() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return;
  const local = path.join(root, 'node_modules/.bin/node');
  if (fs.existsSync(local)) {
    const r = spawnSync(local, [__filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, PATH: `${path.dirname(local)}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    process.exit(r.status ?? 1);
  }
  log(
    `Node ${process.version} is older than the project's Node 24 and no node-${process.platform}-${process.arch} package was installed; install Node 24 LTS`,
  );
  process.exit(1);
}

async function main() {
  dependencies();
  runtime();
  log(`runtime: Node ${process.version}`);
  await services();
  if (args.has('--browser')) browser();
  if (args.has('--build-if-missing') && !fs.existsSync(path.join(root, 'dist/apps/api/src/main.js'))) args.add('--build');
  if (args.has('--build')) {
    log('building (nest build)');
    run('npx nest build api');
  }
}

main().catch((err) => {
  log(err.stack || String(err));
  process.exit(1);
});
