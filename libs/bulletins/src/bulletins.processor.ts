import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, QueueName } from '@scamintel/common';
import { GenerateJobData, WeeklyJobData } from './bulletin-queue';
import { BulletinsService, GenerateOutcome } from './bulletins.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGenerate(data: unknown): GenerateJobData {
  const d = data as Partial<GenerateJobData> | null;
  if (typeof d?.bulletinId !== 'string' || !UUID.test(d.bulletinId) || !Number.isSafeInteger(d.revision) || (d.revision as number) < 1) {
    throw new UnrecoverableError('bulletin job without a valid bulletinId and revision');
  }
  return { bulletinId: d.bulletinId, revision: d.revision as number };
}

/** When the weekly run is "for": the payload's `at`, else the time the scheduler fired it. */
export function weeklyInstant(job: Pick<Job, 'data' | 'opts' | 'timestamp'>): Date {
  const at = (job.data as WeeklyJobData | null)?.at;
  if (at !== undefined) {
    const ms = typeof at === 'string' ? Date.parse(at) : NaN;
    if (Number.isNaN(ms)) throw new UnrecoverableError('weekly bulletin job with an invalid `at`');
    return new Date(ms);
  }
  const scheduled = Number((job.opts as { prevMillis?: number }).prevMillis);
  return new Date(Number.isFinite(scheduled) && scheduled > 0 ? scheduled : job.timestamp);
}

/** Thin: parse the payload, call the service, return its outcome. */
@Processor(QueueName.Bulletins)
export class BulletinsProcessor extends WorkerHost {
  constructor(private readonly bulletins: BulletinsService) {
    super();
  }

  async process(job: Job): Promise<GenerateOutcome | { bulletinId: string; requeued: number }> {
    switch (job.name) {
      case JobName.BulletinGenerate: {
        const { bulletinId, revision } = parseGenerate(job.data);
        return this.bulletins.generate(bulletinId, revision, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
      }
      case JobName.BulletinWeekly: {
        const row = await this.bulletins.requestWeekly(weeklyInstant(job));
        return { bulletinId: row.id, requeued: await this.bulletins.requeueStale(10 * 60_000) };
      }
      default:
        throw new UnrecoverableError(`unknown bulletin job ${job.name}`);
    }
  }
}
