import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_IDS, JOB_OPTIONS, JobName, PushJobData, QueueName } from '@scamintel/common';
import { ExchangeError } from '../exchange-error';

/** The API's side of "push now": enqueue (or bring forward) the partner's push job for the worker. */
@Injectable()
export class SyncQueue {
  constructor(
    @InjectQueue(QueueName.Exchange) private readonly queue: Queue<PushJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(partnerNodeId: string): Promise<{ jobId: string; state: string }> {
    try {
      const existing = await this.queue.getJob(JOB_IDS.push(partnerNodeId));
      if (existing) {
        const state = await existing.getState();
        // A push waiting out its backoff is brought forward: "sync" means now.
        if (state === 'delayed') await existing.promote().catch(() => undefined);
        if (state !== 'completed' && state !== 'failed') return { jobId: existing.id!, state: state === 'delayed' ? 'promoted' : state };
        await existing.remove().catch(() => undefined);
      }
      const job = await this.queue.add(
        JobName.ExchangePush,
        { partnerNodeId },
        JOB_OPTIONS.push(partnerNodeId, this.config.exchange.retryBaseMs),
      );
      return { jobId: job.id!, state: 'queued' };
    } catch (e) {
      if (e instanceof ExchangeError) throw e;
      throw new ExchangeError('queue_unavailable', 'the job queue is unavailable; retry later', [], { 'Retry-After': '5' });
    }
  }
}
