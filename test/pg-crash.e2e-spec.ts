import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { call, waitFor } from './support/node';
import { PrivatePostgres } from './support/postgres';
import { freePort, killHard, outputOf, spawnApp, waitReady } from './support/processes';
import { sharedAndUniqueBatch } from './support/reports';

/*
 * An operator's `kill -9` on the PostgreSQL postmaster while reports arrive and the worker is inside a batch's
 * transaction, then PostgreSQL started again after 5 s — twice. The API and worker run from dist/ as real processes
 * and must ride it out on their own: no exit, no restart, only 202 or 503 answers, every accepted report processed once.
 */
const ADMIN = 'pgcrash-admin-key-0123456789abcdef';
const DOWN_MS = 5000;
const CRASHES = 2;

const batch = (n: number, tag: string) => sharedAndUniqueBatch(n, tag, 'shared-crash.example.com', 'c');

/** One short-lived connection per question, so the test's own reads survive the crashes it causes. */
async function ask<T = any>(url: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Clients posting batches until stopped; every answer is tallied, every accepted report id kept. */
class Load {
  readonly accepted: string[] = [];
  readonly statuses = new Map<number, number>();
  readonly unexpected: string[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  start(clients: number, size: number): void {
    for (let c = 0; c < clients; c++) this.loops.push(this.loop(c, size));
  }

  private async loop(c: number, size: number): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      const res = await call(`${this.url}/v1/reports/batch`, { key: this.key, body: batch(size, `${c}-${i}`) }).catch((err: Error) => ({
        status: 0,
        body: err.message,
        headers: new Headers(),
      }));
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 202) this.accepted.push(...(res.body.ids as string[]));
      else if (res.status === 503 && res.headers.get('retry-after')) await new Promise((r) => setTimeout(r, 50));
      else this.unexpected.push(`${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}

describe('PostgreSQL crash (kill -9 on the postmaster, restarted after 5 s)', () => {
  let pg: PrivatePostgres;
  let url: string;
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    pg = new PrivatePostgres(await freePort());
    await pg.init();
    url = await pg.createDatabase('scamintel_crash');
  });
  afterAll(async () => {
    if (api) await killHard(api);
    if (worker) await killHard(worker);
    await pg?.destroy();
  });

  it('keeps the API and the worker alive, answers only 202/503, and processes every accepted report exactly once', async () => {
    await crashTwiceUnderLoad().catch((err: Error) => {
      // What the processes logged is the first thing to read when this fails.
      for (const [name, p] of Object.entries({ api, worker })) if (p) process.stderr.write(`${name}:\n${outputOf(p).slice(-6000)}\n`);
      throw err;
    });
  }, 240000);

  async function crashTwiceUnderLoad(): Promise<void> {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ID: 'crash-test',
      DATABASE_URL: url,
      QUEUE_PREFIX: `t-crash-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      DATA_DIR: `/tmp/scamintel-crash-${randomBytes(4).toString('hex')}`,
      RELAY_GRACE_MS: '500',
      RELAY_INTERVAL_MS: '250',
      WORKER_CONCURRENCY: '2',
    };
    api = spawnApp('api', env);
    worker = spawnApp('worker', env);
    const pids = [api.pid, worker.pid];
    await waitReady(apiUrl, api);
    const key = (await call(`${apiUrl}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'bank', trust: 'medium' } }))
      .body.key;

    const load = new Load(apiUrl, key);
    load.start(3, 200);
    const readyWhileDown: number[] = [];
    try {
      for (let crash = 0; crash < CRASHES; crash++) {
        // Under load: a backlog of accepted reports for the worker before each crash.
        const backlog = load.accepted.length + 3000;
        await waitFor(async () => load.accepted.length >= backlog, 60000, 20);
        // Mid-batch: a worker connection is inside a transaction at the moment of the kill.
        await waitFor(
          async () =>
            (
              await ask(
                url,
                `SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'scamintel-worker-%' AND state <> 'idle' AND xact_start IS NOT NULL`,
              )
            ).length > 0,
          30000,
          5,
        );
        await pg.kill();
        const downSince = Date.now();
        readyWhileDown.push(
          await waitFor(
            async () => {
              const r = await call(`${apiUrl}/health/ready`);
              return r.status === 503 && r.body.checks.postgres === 'down' ? r.status : undefined;
            },
            DOWN_MS,
            100,
          ),
        );
        await new Promise((r) => setTimeout(r, Math.max(0, DOWN_MS - (Date.now() - downSince))));
        expect([api.exitCode ?? api.signalCode, worker.exitCode ?? worker.signalCode]).toEqual([null, null]);
        await pg.start();
        await waitReady(apiUrl, api, 30000);
        // Accepting again without any restart.
        const after = load.accepted.length + 1000;
        await waitFor(async () => load.accepted.length >= after, 30000, 20);
      }
    } finally {
      await load.stop();
    }

    await waitFor(
      async () =>
        (await ask<{ n: number }>(url, `SELECT count(*)::int AS n FROM intake_outbox WHERE processed_at IS NULL`))[0].n === 0 ||
        (worker!.exitCode ?? worker!.signalCode) !== null,
      120000,
      250,
    );

    const alive = [api, worker].map((p) => ({ pid: p.pid, exit: p.exitCode ?? p.signalCode }));
    expect(alive).toEqual(pids.map((pid) => ({ pid, exit: null })));
    expect(load.unexpected).toEqual([]);
    expect(readyWhileDown).toEqual(Array(CRASHES).fill(503));
    expect(load.count(503)).toBeGreaterThan(0);
    expect(load.accepted.length).toBeGreaterThan(0);

    // Every 202'd report is there and processed; every stored report (a 503'd one whose commit raced the crash may be
    // among them, as a client retry would find) is counted exactly once.
    const accepted = new Set(load.accepted);
    const rows = await ask<{ id: string; status: string }>(url, `SELECT id::text AS id, status FROM reports`);
    const stored = new Map(rows.map((r) => [r.id, r.status]));
    expect([...accepted].filter((id) => stored.get(id) !== 'processed')).toEqual([]);
    expect(rows.filter((r) => r.status !== 'processed')).toEqual([]);
    const [shared] = await ask(
      url,
      `SELECT s.reports FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value = 'shared-crash.example.com'`,
    );
    expect(shared.reports).toBe(rows.length);
    const [unique] = await ask(
      url,
      `SELECT count(*)::int AS n, max(reports)::int AS max, sum(reports)::int AS sum FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value LIKE 'c-%'`,
    );
    expect(unique).toEqual({ n: rows.length, max: 1, sum: rows.length });
    const [ledger] = await ask(url, `SELECT count(*)::int AS n FROM report_indicators`);
    expect(ledger.n).toBe(rows.length * 2);
  }
});
