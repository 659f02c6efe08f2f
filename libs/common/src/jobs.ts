import { type Job, type JobsOptions, UnrecoverableError } from 'bullmq';
import { JobName, QueueName } from './queues';

/**
 * Every job's contract in one place, beside the queue names: the queue it travels on, its payload type and the
 * parser a processor runs first (a bad payload is an UnrecoverableError: retrying cannot fix it), its job id and
 * its options. Producers and processors import from here.
 */
export const JOB_QUEUE = {
  [JobName.IngestBatch]: QueueName.Ingest,
  [JobName.ExchangePush]: QueueName.Exchange,
  [JobName.ExchangeSchedule]: QueueName.Exchange,
  [JobName.BulletinGenerate]: QueueName.Bulletins,
  [JobName.BulletinWeekly]: QueueName.Bulletins,
  [JobName.ActionsTick]: QueueName.Actions,
  [JobName.ActionSend]: QueueName.Actions,
  [JobName.ActionStatus]: QueueName.Actions,
  [JobName.WebhookDeliver]: QueueName.Webhooks,
  [JobName.WebhooksRelay]: QueueName.Webhooks,
  [JobName.FeedRefresh]: QueueName.Feeds,
  [JobName.CampaignsCluster]: QueueName.Campaigns,
} as const satisfies Record<JobName, QueueName>;

/** An ingest job: the outbox row whose reports to process (the reports themselves stay in PostgreSQL). */
export interface IngestJobData {
  outboxId: string;
}
/** A push to one partner. */
export interface PushJobData {
  partnerNodeId: string;
}
/** Which bulletin draft, and which revision of it (a replaced draft's old job does nothing). */
export interface GenerateJobData {
  bulletinId: string;
  revision: number;
}
/** The scheduler sends `{}`; `at` (ISO instant) overrides "now" for reruns and tests. */
export interface WeeklyJobData {
  at?: string;
}
/** `action-send`: deliver a request to its partner. `action-status`: report an inbound request's state to its requester. */
export interface ActionJobData {
  actionId: string;
}
/** A webhook delivery's id, which is also its webhook-id. */
export interface DeliverJobData {
  deliveryId: string;
}
/** Scheduled ticks carry nothing. */
export type TickJobData = Record<string, never>;

export interface JobData {
  [JobName.IngestBatch]: IngestJobData;
  [JobName.ExchangePush]: PushJobData;
  [JobName.ExchangeSchedule]: TickJobData;
  [JobName.BulletinGenerate]: GenerateJobData;
  [JobName.BulletinWeekly]: WeeklyJobData;
  [JobName.ActionsTick]: TickJobData;
  [JobName.ActionSend]: ActionJobData;
  [JobName.ActionStatus]: ActionJobData;
  [JobName.WebhookDeliver]: DeliverJobData;
  [JobName.WebhooksRelay]: TickJobData;
  [JobName.FeedRefresh]: TickJobData;
  /** None: the job clusters whatever ingest has committed since (idempotent). */
  [JobName.CampaignsCluster]: TickJobData;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function field(name: JobName, data: unknown, key: string, valid: (v: unknown) => boolean): unknown {
  const v = (data as Record<string, unknown> | null)?.[key];
  if (!valid(v)) throw new UnrecoverableError(`${name} job without a valid ${key}`);
  return v;
}
const isString = (v: unknown) => typeof v === 'string' && v.length > 0;
const tick = (): TickJobData => ({});

/** The payload parser of every job. */
export const JOB_PARSERS: { [N in JobName]: (data: unknown) => JobData[N] } = {
  [JobName.IngestBatch]: (d) => ({
    outboxId: field(JobName.IngestBatch, d, 'outboxId', (v) => typeof v === 'string' && /^\d{1,19}$/.test(v)) as string,
  }),
  [JobName.ExchangePush]: (d) => ({ partnerNodeId: field(JobName.ExchangePush, d, 'partnerNodeId', isString) as string }),
  [JobName.ExchangeSchedule]: tick,
  [JobName.BulletinGenerate]: (d) => ({
    bulletinId: field(JobName.BulletinGenerate, d, 'bulletinId', (v) => typeof v === 'string' && UUID.test(v)) as string,
    revision: field(JobName.BulletinGenerate, d, 'revision', (v) => Number.isSafeInteger(v) && (v as number) >= 1) as number,
  }),
  [JobName.BulletinWeekly]: (d) => {
    const at = (d as WeeklyJobData | null)?.at;
    if (at === undefined) return {};
    return { at: field(JobName.BulletinWeekly, d, 'at', (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v))) as string };
  },
  [JobName.ActionsTick]: tick,
  [JobName.ActionSend]: (d) => ({ actionId: field(JobName.ActionSend, d, 'actionId', isString) as string }),
  [JobName.ActionStatus]: (d) => ({ actionId: field(JobName.ActionStatus, d, 'actionId', isString) as string }),
  [JobName.WebhookDeliver]: (d) => ({ deliveryId: field(JobName.WebhookDeliver, d, 'deliveryId', isString) as string }),
  [JobName.WebhooksRelay]: tick,
  [JobName.FeedRefresh]: tick,
  [JobName.CampaignsCluster]: tick,
};

/** Job ids: the same work always gets the same id, so BullMQ does not queue it twice. */
export const JOB_IDS = {
  ingest: (outboxId: string) => `outbox-${outboxId}`,
  /** One push job per partner at a time: BullMQ ignores an add whose jobId is waiting, delayed or active. */
  push: (partnerNodeId: string) => `push-${partnerNodeId}`,
  generate: (bulletinId: string, revision: number) => `bulletin-${bulletinId}-r${revision}`,
  actionSend: (actionId: string) => `send-${actionId}`,
  /** One job per version: a later state is never swallowed by a job still busy with an earlier one. */
  actionStatus: (actionId: string, version: number) => `status-${actionId}-${version}`,
  /** The delivery id is the webhook-id. */
  delivery: (deliveryId: string) => deliveryId,
} as const;

/** Job scheduler ids (one scheduler per id, kept by DurableSchedules). */
export const SCHEDULER_IDS = {
  [JobName.ExchangeSchedule]: 'exchange-schedule',
  [JobName.BulletinWeekly]: 'bulletin-weekly',
  [JobName.ActionsTick]: 'actions-tick',
  [JobName.WebhooksRelay]: 'webhooks-relay',
  [JobName.FeedRefresh]: 'feed-refresh',
  [JobName.CampaignsCluster]: 'campaigns-cluster',
} as const;

/** Work that a relay or the next tick re-adds must not linger once done or failed and block its own jobId. */
const GONE = { removeOnComplete: true, removeOnFail: true } as const;
const backoff = (delay: number) => ({ type: 'exponential', delay }) as const;

export const JOB_OPTIONS = {
  ingest: (outboxId: string): JobsOptions => ({ ...GONE, attempts: 8, backoff: backoff(500), jobId: JOB_IDS.ingest(outboxId) }),
  /**
   * Retries with exponential backoff while the partner is down or slow (retryBaseMs, 2×, 4×, … over 8 attempts);
   * after that the job is dropped and the next scheduled run starts over from the stored cursor.
   */
  push: (partnerNodeId: string, retryBaseMs: number): JobsOptions => ({
    ...GONE,
    attempts: 8,
    backoff: backoff(retryBaseMs),
    jobId: JOB_IDS.push(partnerNodeId),
  }),
  generate: (bulletinId: string, revision: number): JobsOptions => ({
    attempts: 3,
    backoff: backoff(1000),
    removeOnComplete: true,
    removeOnFail: 100,
    jobId: JOB_IDS.generate(bulletinId, revision),
  }),
  /** Like pushes: EXCHANGE_RETRY_BASE_MS, 8 attempts; the actions tick re-queues what was lost. */
  action: (jobId: string, retryBaseMs: number): JobsOptions => ({ ...GONE, attempts: 8, backoff: backoff(retryBaseMs), jobId }),
  delivery: (deliveryId: string, attempts: number, retryBaseMs: number): JobsOptions => ({
    ...GONE,
    attempts,
    backoff: backoff(retryBaseMs),
    jobId: JOB_IDS.delivery(deliveryId),
  }),
  /** A scheduler's tick: the next tick does the work again, so nothing is kept or retried. */
  tick: GONE,
  weekly: { attempts: 3, backoff: backoff(60_000), removeOnComplete: 50, removeOnFail: 50 } as JobsOptions,
} as const;

/** A processor's handlers: one per job name it runs, each given the parsed payload. */
export type JobHandlers<N extends JobName> = { [K in N]: (data: JobData[K], job: Job) => Promise<unknown> };

/** Parses the job's payload with its contract's parser and runs its handler; a job with no handler here is unrecoverable. */
export function dispatchJob<N extends JobName>(handlers: JobHandlers<N>, job: Job): Promise<unknown> {
  const name = job.name as N;
  const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
  if (!handler) throw new UnrecoverableError(`no handler for job ${job.name} here`);
  return handler(JOB_PARSERS[name](job.data), job);
}

/** Whether a failed attempt was the job's last (BullMQ will not retry it). */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, err?: { name?: string }): boolean {
  return err?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** What a process runs: a processor (its class name), the queue it consumes and the job names it has handlers for. */
export interface ProcessorJobs {
  processor: string;
  /** The queue it consumes, when known (a running worker's). */
  queue?: string;
  jobs: string[];
}

/**
 * Problems with the handlers of one process that should run every job: a job name without a handler, a job name
 * with more than one, a handler on another queue than its job's. Empty when each job name has exactly one.
 */
export function jobHandlerProblems(processors: ProcessorJobs[], expected: JobName[] = Object.values(JobName)): string[] {
  const problems: string[] = [];
  for (const name of expected) {
    const owners = processors.filter((p) => p.jobs.includes(name));
    if (owners.length === 0) problems.push(`job ${name} has no handler`);
    if (owners.length > 1) problems.push(`job ${name} has ${owners.length} handlers (${owners.map((p) => p.processor).join(', ')})`);
    for (const p of owners)
      if (p.queue !== undefined && p.queue !== JOB_QUEUE[name])
        problems.push(`job ${name} belongs on queue ${JOB_QUEUE[name]}, but ${p.processor} consumes ${p.queue}`);
  }
  for (const p of processors)
    for (const j of p.jobs)
      if (!(expected as string[]).includes(j)) problems.push(`${p.processor} handles ${j}, which is no job of this process`);
  return problems;
}
