import { loadConfigOrExit } from '@scamintel/config';

/**
 * The container's health check (Dockerfile HEALTHCHECK; compose passes `worker` for worker containers):
 *   node dist/scripts/healthcheck.js [api|worker]
 * api: `/health/ready` answers 200 (PostgreSQL and Redis reachable from this process).
 * worker: its metrics listener (WORKER_METRICS_PORT) answers, i.e. the process and its event loop are alive.
 * Exits 0 when healthy, 1 otherwise, within 3 s. Reads the same settings as the process it checks.
 */
async function main(): Promise<number> {
  const role = process.argv[2] ?? 'api';
  const config = loadConfigOrExit();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let url: string;
  if (role === 'api') url = `http://${host}:${config.port}/health/ready`;
  else if (role === 'worker') {
    if (!config.metrics.workerPort) {
      process.stderr.write('healthcheck worker: set WORKER_METRICS_PORT so the worker can be checked\n');
      return 1;
    }
    url = `http://${host}:${config.metrics.workerPort}/metrics`;
  } else {
    process.stderr.write(`healthcheck: unknown role ${JSON.stringify(role)} (api or worker)\n`);
    return 1;
  }
  try {
    const res = await fetch(url, { method: role === 'worker' ? 'HEAD' : 'GET', signal: AbortSignal.timeout(3000) });
    if (res.ok) return 0;
    process.stderr.write(`healthcheck ${role}: ${url} answered ${res.status}\n`);
  } catch (err) {
    process.stderr.write(`healthcheck ${role}: ${url} unreachable (${(err as Error).message})\n`);
  }
  return 1;
}

void main().then((code) => process.exit(code));
