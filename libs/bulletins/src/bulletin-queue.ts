import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { GenerateJobData, JOB_OPTIONS, JobName, QueueName } from '@scamintel/common';

/** The producer side of the bulletins queue (API and worker). */
@Injectable()
export class BulletinQueue {
  constructor(@InjectQueue(QueueName.Bulletins) readonly queue: Queue) {}

  async enqueueGenerate(bulletinId: string, revision: number): Promise<void> {
    const data: GenerateJobData = { bulletinId, revision };
    await this.queue.add(JobName.BulletinGenerate, data, JOB_OPTIONS.generate(bulletinId, revision));
  }
}
