import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobHandlers, JobName, QueueName, WeeklyJobData } from '@scamintel/common';
import { JobProcessor } from '@scamintel/platform';
import { BulletinsService } from './bulletins.service';

/** When the weekly run is "for": the payload's `at` (checked by its parser), else the time the scheduler fired it. */
export function weeklyInstant(data: WeeklyJobData, job: Pick<Job, 'opts' | 'timestamp'>): Date {
  if (data.at !== undefined) return new Date(data.at);
  const scheduled = Number((job.opts as { prevMillis?: number }).prevMillis);
  return new Date(Number.isFinite(scheduled) && scheduled > 0 ? scheduled : job.timestamp);
}

type BulletinJob = JobName.BulletinGenerate | JobName.BulletinWeekly;

/** Thin: parse the payload, call the service, return its outcome. */
@Processor(QueueName.Bulletins)
export class BulletinsProcessor extends JobProcessor<BulletinJob> {
  protected readonly handlers: JobHandlers<BulletinJob> = {
    [JobName.BulletinGenerate]: ({ bulletinId, revision }, job) =>
      this.bulletins.generate(bulletinId, revision, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
    [JobName.BulletinWeekly]: async (data, job) => {
      const row = await this.bulletins.requestWeekly(weeklyInstant(data, job));
      return { bulletinId: row.id, requeued: await this.bulletins.requeueStale(10 * 60_000) };
    },
  };

  constructor(private readonly bulletins: BulletinsService) {
    super();
  }
}
