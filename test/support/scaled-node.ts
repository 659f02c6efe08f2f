import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, sqlClient } from './db';
import { sample } from './metrics';
import { freePort, killHard, outputOf, spawnApp, waitReady } from './processes';

/** One node run as several API and worker processes from dist/, on one database, one Redis and one queue prefix. */
export interface ScaledNode {
  nodeId: string;
  adminKey: string;
  /** Base URLs of the API processes. */
  apis: string[];
  /** `/metrics` URLs of the worker processes (each its own listener). */
  workerMetrics: string[];
  processes: ChildProcess[];
  dbUrl: string;
  sql: Client;
  env: Record<string, string>;
  /** A counter of one process's /metrics text (0 when absent). */
  metric(url: string, name: string, labels?: Record<string, string>): Promise<number>;
  /** Every process still running, with the same pid it started with (none exited or was restarted). */
  alive(): boolean;
  /** What the processes logged (warn and above), for a failing test's message. */
  logs(): string;
  close(): Promise<void>;
}

export async function startScaledNode(opts: {
  label: string;
  nodeId: string;
  jurisdiction: string;
  apis: number;
  workers: number;
  env?: Record<string, string>;
}): Promise<ScaledNode> {
  const db = await createTestDatabase(opts.label);
  const adminKey = `admin-${opts.label}-${randomBytes(12).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ID: opts.nodeId,
    JURISDICTION: opts.jurisdiction,
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `t-${opts.label}-${randomBytes(4).toString('hex')}`,
    // One DATA_DIR for the node: its processes share the generated signing key, as compose shares the volume.
    DATA_DIR: `/tmp/scamintel-${opts.label}-${randomBytes(4).toString('hex')}`,
    BOOTSTRAP_ADMIN_KEY: adminKey,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const processes: ChildProcess[] = [];
  const apis: string[] = [];
  const workerMetrics: string[] = [];
  for (let i = 0; i < opts.apis; i++) {
    const port = await freePort();
    processes.push(spawnApp('api', { ...env, PORT: String(port) }));
    apis.push(`http://127.0.0.1:${port}`);
  }
  for (let i = 0; i < opts.workers; i++) {
    const port = await freePort();
    processes.push(spawnApp('worker', { ...env, WORKER_METRICS_PORT: String(port) }));
    workerMetrics.push(`http://127.0.0.1:${port}/metrics`);
  }
  const pids = processes.map((p) => p.pid);
  try {
    // Four Node processes starting at once on two cores can take well over the default 30 s when the machine is busy.
    for (const [i, url] of apis.entries()) await waitReady(url, processes[i], 90000);
  } catch (err) {
    // The caller never gets a node to close: without this, the children's open pipes keep Jest running for ever.
    for (const p of processes) await killHard(p);
    await db.drop();
    throw err;
  }
  const sql = await sqlClient(db.url);
  return {
    nodeId: opts.nodeId,
    adminKey,
    apis,
    workerMetrics,
    processes,
    dbUrl: db.url,
    sql,
    env,
    async metric(url, name, labels = {}) {
      const text = await (await fetch(url.endsWith('/metrics') ? url : `${url}/metrics`)).text();
      return sample(text, name, labels) ?? 0;
    },
    alive: () => processes.every((p, i) => p.exitCode === null && p.signalCode === null && p.pid === pids[i]),
    logs: () => processes.map((p, i) => `process ${i} (pid ${p.pid}):\n${outputOf(p).slice(-3000)}`).join('\n'),
    async close() {
      for (const p of processes) await killHard(p);
      await sql.end();
      await db.drop();
    },
  };
}
