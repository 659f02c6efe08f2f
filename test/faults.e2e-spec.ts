import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';
import { ConnectionOptions, Queue } from 'bullmq';
import { redisOptions } from '@scamintel/config';
import { QueueName } from '@scamintel/common';
import { freePort, killHard, spawnApp, startRedis } from './support/processes';
import { sharedAndUniqueBatch } from './support/reports';

const ADMIN = 'faults-admin-key-0123456789abcdef';

const batch = (n: number, tag: string) => sharedAndUniqueBatch(n, tag, 'shared-scam.example.com', 'u');

async function expectExactlyOnce(sql: Client, accepted: number) {
  const { rows: r } = await sql.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'processed')::int AS done FROM reports`);
  expect(r[0]).toEqual({ n: accepted, done: accepted });
  const { rows: s } = await sql.query(
    `SELECT s.reports FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value = 'shared-scam.example.com'`,
  );
  expect(s[0].reports).toBe(accepted);
  const { rows: u } = await sql.query(
    `SELECT count(*)::int AS n, coalesce(max(reports), 0)::int AS max, coalesce(sum(reports), 0)::int AS sum FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE i.value LIKE 'u-%'`,
  );
  expect(u[0]).toEqual({ n: accepted, max: 1, sum: accepted });
  const { rows: l } = await sql.query(`SELECT count(*)::int AS n FROM report_indicators`);
  expect(l[0].n).toBe(accepted * 2);
}

describe('faults', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;

  beforeEach(async () => {
    db = await createTestDatabase('faults');
    sql = await sqlClient(db.url);
  });
  afterEach(async () => {
    await sql.end();
    await db.drop();
  });

  it('keeps answering 202 while Redis is down and processes every report once after it is back (restarted empty)', async () => {
    const port = await freePort();
    let redis: ChildProcess = await startRedis(port);
    const config = testConfig({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}/0`, BOOTSTRAP_ADMIN_KEY: ADMIN });
    const api: RunningApi = await startApi(config);
    const worker = await startWorker(config);
    try {
      const key = (
        await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'bank', trust: 'medium' } })
      ).body.key;
      let accepted = 0;
      const send = async (tag: string) => {
        const res = await call(`${api.url}/v1/reports/batch`, { key, body: batch(50, tag) });
        expect(res.status).toBe(202);
        accepted += res.body.ids.length;
      };
      for (let i = 0; i < 5; i++) await send(`a${i}`);
      await killHard(redis);
      for (let i = 0; i < 5; i++) await send(`b${i}`);
      const ready = await call(`${api.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis).toBe('down');
      redis = await startRedis(port);
      for (let i = 0; i < 5; i++) await send(`c${i}`);
      await waitFor(
        async () => {
          const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status <> 'processed'`);
          return rows[0].n === 0;
        },
        60000,
        250,
      );
      await expectExactlyOnce(sql, accepted);
      expect(accepted).toBe(750);
    } finally {
      await worker.close();
      await api.close();
      await killHard(redis);
    }
  });

  it('loses nothing and counts nothing twice when a worker is SIGKILLed mid-batch', async () => {
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      LOG_LEVEL: 'warn',
      RELAY_GRACE_MS: '500',
      RELAY_INTERVAL_MS: '250',
      WORKER_CONCURRENCY: '2',
    };
    const api: RunningApi = await startApi(config);
    let worker: ChildProcess | undefined;
    try {
      const key = (
        await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'bank', trust: 'medium' } })
      ).body.key;
      let accepted = 0;
      for (let i = 0; i < 30; i++) {
        const res = await call(`${api.url}/v1/reports/batch`, { key, body: batch(200, `k${i}`) });
        expect(res.status).toBe(202);
        accepted += res.body.ids.length;
      }
      worker = spawnApp('worker', env);
      // Kill it once it is part-way through: some batches done, others not.
      await waitFor(
        async () => {
          const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status = 'processed'`);
          return rows[0].n > 0 && rows[0].n < accepted;
        },
        30000,
        20,
      );
      await killHard(worker);
      const { rows: mid } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status = 'processed'`);
      expect(mid[0].n).toBeLessThan(accepted);
      worker = spawnApp('worker', env);
      await waitFor(
        async () => {
          const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status <> 'processed'`);
          return rows[0].n === 0;
        },
        90000,
        250,
      );
      await expectExactlyOnce(sql, accepted);
    } finally {
      if (worker) await killHard(worker);
      await api.close();
    }
  });

  it('on SIGTERM a worker finishes the batches in flight and exits 0, leaving no job stalled', async () => {
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '2',
      RELAY_GRACE_MS: '500',
      RELAY_INTERVAL_MS: '250',
    };
    const api: RunningApi = await startApi(config);
    const queue = new Queue(QueueName.Ingest, {
      connection: redisOptions(config.redisUrl) as ConnectionOptions,
      prefix: config.queuePrefix,
    });
    let worker: ChildProcess | undefined;
    try {
      const key = (
        await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'bank', trust: 'medium' } })
      ).body.key;
      let accepted = 0;
      for (let i = 0; i < 20; i++)
        accepted += (await call(`${api.url}/v1/reports/batch`, { key, body: batch(300, `t${i}`) })).body.ids.length;
      worker = spawnApp('worker', env);
      await waitFor(async () => (await queue.getActiveCount()) > 0, 30000, 10);
      const exited = new Promise<number | string | null>((resolve) => worker!.once('exit', (code, signal) => resolve(code ?? signal)));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await queue.getActiveCount()).toBe(0);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM intake_outbox o WHERE processed_at IS NULL AND EXISTS (SELECT 1 FROM reports r WHERE r.id = ANY(o.report_ids) AND r.status = 'processed')`,
      );
      expect(rows[0].n).toBe(0);
      worker = spawnApp('worker', env);
      await waitFor(
        async () => {
          const { rows: r } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status <> 'processed'`);
          return r[0].n === 0;
        },
        60000,
        250,
      );
      await expectExactlyOnce(sql, accepted);
    } finally {
      if (worker) await killHard(worker);
      await queue.close();
      await api.close();
    }
  });
});
