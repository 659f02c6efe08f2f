import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, QueueName } from '@scamintel/common';

/** Payload of a generate job: which draft, and which revision of it (a replaced draft's old job does nothing). */
export interface GenerateJobData {
  bulletinId: string;
  revision: number;
}

/** Payload of the weekly job. The scheduler sends `{}`; `at` (ISO instant) overrides "now" for reruns and tests. */
export interface WeeklyJobData {
  at?: string;
}

export const WEEKLY_SCHEDULER_ID = 'bulletin-weekly';

export const GENERATE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: 100,
} as const;

export function generateJobId(bulletinId: string, revision: number): string {
  return `bulletin-${bulletinId}-r${revision}`;
}

/** The producer side of the bulletins queue (API and worker). */
@Injectable()
export class BulletinQueue {
  constructor(@InjectQueue(QueueName.Bulletins) readonly queue: Queue) {}

  async enqueueGenerate(bulletinId: string, revision: number): Promise<void> {
    const data: GenerateJobData = { bulletinId, revision };
    await this.queue.add(JobName.BulletinGenerate, data, { ...GENERATE_JOB_OPTIONS, jobId: generateJobId(bulletinId, revision) });
  }
}
