import { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { JOB_QUEUE, SCHEDULER_IDS } from '@scamintel/common';
import { createTestDatabase } from './support/db';
import { sample } from './support/metrics';
import { call, waitFor } from './support/node';
import { freePort, killHard, outputOf, spawnApp, startRedis, waitReady } from './support/processes';

/*
 * The push, bulletin and actions-expiry schedules (and the webhook relay and feed refresh) live in Redis only. After Redis loses its data — FLUSHALL, or a restart without
 * persistence — the worker must put them back by itself: periodically (SCHEDULE_REASSERT_MS) and at once when its
 * connection comes back. The documented bound for the next run after a flush is SCHEDULE_REASSERT_MS plus the
 * schedule's own interval (EXCHANGE_PUSH_INTERVAL_MS; the next cron slot of BULLETIN_CRON).
 */
const ADMIN = 'schedules-admin-key-0123456789abcdef';
const REASSERT_MS = 1000;
const PUSH_EVERY_MS = 1000;
const BULLETIN_CRON = '*/2 * * * * *';
// Bound: re-assert interval + the longer of the two schedules' intervals, plus slack for a busy 2-core machine.
const BOUND_MS = REASSERT_MS + 2000 + 8000;

/** Completed runs of each scheduled job, as the worker's own /metrics counts them. */
async function runs(metricsUrl: string): Promise<{ schedule: number; push: number; weekly: number; actions: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const count = (queue: string, name: string) =>
    sample(text, 'scamintel_job_duration_seconds_count', { queue, name, outcome: 'completed' }) ?? 0;
  return {
    schedule: count('exchange', 'exchange-schedule'),
    push: count('exchange', 'exchange-push'),
    weekly: count('bulletins', 'bulletin-weekly'),
    actions: count('actions', 'actions-tick'),
  };
}

describe('durable schedules', () => {
  let redisPort: number;
  let redis: ChildProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const procs: ChildProcess[] = [];

  beforeEach(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    db = await createTestDatabase('schedules');
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) await killHard(p);
    await killHard(redis);
    await db.drop();
  });

  async function startNode(reassertMs: number): Promise<{ metricsUrl: string }> {
    const [apiPort, metricsPort] = [await freePort(), await freePort()];
    const env = {
      NODE_ID: 'sg-sched',
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      QUEUE_PREFIX: `t-sched-${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      DATA_DIR: `/tmp/scamintel-sched-${randomBytes(4).toString('hex')}`,
      SCHEDULE_REASSERT_MS: String(reassertMs),
      EXCHANGE_PUSH_INTERVAL_MS: String(PUSH_EVERY_MS),
      ACTIONS_EXPIRY_INTERVAL_MS: String(PUSH_EVERY_MS),
      BULLETIN_CRON,
    };
    const api = spawnApp('api', env);
    const worker = spawnApp('worker', env);
    procs.push(api, worker);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitReady(apiUrl, api);
    // A partner, so each scheduled run enqueues a push (with nothing to send yet, the push completes without a request).
    const { publicKey } = generateKeyPairSync('ed25519');
    const partner = await call(`${apiUrl}/v1/admin/partners`, {
      key: ADMIN,
      body: {
        nodeId: 'kr-sched',
        jurisdiction: 'KR',
        baseUrl: 'http://127.0.0.1:9/',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        policy: { maxTlp: 'amber', types: ['domain'], minConfidence: 0, pseudonymise: [], shareNarrative: false },
      },
    });
    expect(partner.status).toBe(201);
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await waitFor(
      async () => {
        if (worker.exitCode !== null) throw new Error(`worker exited:\n${outputOf(worker)}`);
        const r = await runs(metricsUrl).catch(() => undefined);
        return r && r.schedule > 0 && r.push > 0 && r.weekly > 0;
      },
      20000,
      200,
    );
    return { metricsUrl };
  }

  /** Every schedule runs at least twice more after `since` (one run may have been in flight at the disruption). */
  async function expectRunsResume(metricsUrl: string, since: { schedule: number; push: number; weekly: number; actions: number }) {
    await waitFor(
      async () => {
        const r = await runs(metricsUrl).catch(() => undefined);
        return (
          r &&
          r.schedule >= since.schedule + 2 &&
          r.push >= since.push + 2 &&
          r.weekly >= since.weekly + 2 &&
          r.actions >= since.actions + 2
        );
      },
      BOUND_MS,
      100,
    );
  }

  it('re-registers the push and bulletin schedules after FLUSHALL, within SCHEDULE_REASSERT_MS plus their interval', async () => {
    const { metricsUrl } = await startNode(REASSERT_MS);
    const client = new Redis({ port: redisPort, host: '127.0.0.1' });
    try {
      expect(await client.flushall()).toBe('OK');
      const since = await runs(metricsUrl);
      await expectRunsResume(metricsUrl, since);
      // Every job scheduler comes back (push, weekly bulletin, actions tick, webhook relay, feed refresh, campaign
      // clustering, ...): one repeat key per queue that holds one.
      const queues = new Set(Object.keys(SCHEDULER_IDS).map((job) => JOB_QUEUE[job as keyof typeof JOB_QUEUE]));
      expect(queues.size).toBeGreaterThanOrEqual(6);
      expect((await client.keys('*:repeat')).length).toBe(queues.size);
    } finally {
      client.disconnect();
    }
  });

  it('re-registers them as soon as the worker reconnects to a Redis that restarted empty', async () => {
    // A re-assert interval far beyond the test: only the reconnect can bring the schedules back.
    const { metricsUrl } = await startNode(3_600_000);
    await killHard(redis);
    redis = await startRedis(redisPort);
    const since = await runs(metricsUrl);
    await expectRunsResume(metricsUrl, since);
  });
});
