import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, redisOptions } from '@scamintel/config';
import { QueueName } from '@scamintel/common';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
/** The states exported as gauges (CONTRACT §8 operations): the ones an operator alerts on. */
export const GAUGED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const satisfies readonly QueueState[];
/** States whose jobs the dashboard lists. */
export const LISTED_STATES = ['failed', 'active', 'waiting', 'delayed', 'completed'] as const satisfies readonly QueueState[];
export type ListedState = (typeof LISTED_STATES)[number];

export interface QueueCounts {
  name: string;
  paused: boolean;
  counts: Record<QueueState, number>;
}

/**
 * What the dashboard shows of a job. Deliberately without `data` and `returnvalue`: payloads may carry
 * identifiers of reports or partners, and an admin key reads no reports (CONTRACT §3, separation of duties).
 */
export interface JobSummary {
  id: string;
  name: string;
  state: ListedState;
  attemptsMade: number;
  attempts: number;
  enqueuedAt: string | null;
  processedAt: string | null;
  finishedAt: string | null;
  delayUntil: string | null;
  failedReason: string | null;
}

export class QueueInspectorError extends Error {}

const TIMEOUT_MS = 1500;

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>(
      (_, rej) => (t = setTimeout(() => rej(new QueueInspectorError(`${what}: Redis did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ),
  ]).finally(() => clearTimeout(t));
}

const iso = (ms: number | undefined | null): string | null => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);

/**
 * Read-only view of every queue of the node (QueueName), on a Redis connection of its own that fails fast:
 * a scrape or a dashboard request while Redis is down answers quickly instead of hanging.
 */
@Injectable()
export class QueueInspector implements OnApplicationShutdown {
  private redis?: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  readonly names: readonly string[] = Object.values(QueueName);

  has(name: string): boolean {
    return this.names.includes(name);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      this.redis ??= new Redis({
        ...redisOptions(this.config.redisUrl),
        enableOfflineQueue: true,
        maxRetriesPerRequest: 1,
        lazyConnect: true,
        retryStrategy: (n) => Math.min(n * 200, 2000),
      });
      this.redis.on('error', () => undefined);
      q = new Queue(name, { connection: this.redis, prefix: this.config.queuePrefix });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async counts(name: string): Promise<QueueCounts> {
    const q = this.queue(name);
    const [counts, paused] = await within(Promise.all([q.getJobCounts(...QUEUE_STATES), q.isPaused()]), `queue ${name}`);
    return { name, paused, counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as Record<QueueState, number> };
  }

  allCounts(): Promise<QueueCounts[]> {
    return Promise.all(this.names.map((n) => this.counts(n)));
  }

  /** Newest first for finished states, oldest first for those still to run. */
  async jobs(name: string, state: ListedState, limit: number): Promise<JobSummary[]> {
    const q = this.queue(name);
    const asc = state === 'waiting' || state === 'delayed';
    const jobs = (await within(q.getJobs([state], 0, Math.max(0, limit - 1), asc), `queue ${name}`)) as Job[];
    return jobs.filter(Boolean).map((j) => ({
      id: String(j.id),
      name: j.name,
      state,
      attemptsMade: j.attemptsMade ?? 0,
      attempts: j.opts?.attempts ?? 1,
      enqueuedAt: iso(j.timestamp),
      processedAt: iso(j.processedOn),
      finishedAt: iso(j.finishedOn),
      delayUntil: state === 'delayed' && j.delay ? iso(j.timestamp + j.delay) : null,
      failedReason: j.failedReason ? j.failedReason.slice(0, 500) : null,
    }));
  }

  /** Moves a failed job back to waiting. Returns false when there is no such failed job. */
  async retry(name: string, id: string): Promise<boolean> {
    const q = this.queue(name);
    const job = (await within(q.getJob(id), `queue ${name}`)) as Job | undefined;
    if (!job || !(await within(job.isFailed(), `queue ${name}`))) return false;
    await within(job.retry('failed'), `queue ${name}`);
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.redis?.disconnect();
  }
}
