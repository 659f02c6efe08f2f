import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ActionJobData, JOB_IDS, JOB_OPTIONS, JobName, QueueName } from '@scamintel/common';
import { withTimeout } from '@scamintel/vocabulary';

/**
 * Enqueues cross-border traffic. Like pushes, retried with exponential back-off (EXCHANGE_RETRY_BASE_MS, 8
 * attempts); an enqueue lost to a Redis outage is made up by the worker's tick, which re-queues every request not yet
 * delivered and every state not yet reported (the database knows which).
 */
@Injectable()
export class ActionsQueue {
  private readonly logger = new Logger(ActionsQueue.name);

  constructor(
    @InjectQueue(QueueName.Actions) readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  send(actionId: string): Promise<void> {
    return this.add(JobName.ActionSend, actionId, JOB_IDS.actionSend(actionId));
  }

  report(actionId: string, version: number): Promise<void> {
    return this.add(JobName.ActionStatus, actionId, JOB_IDS.actionStatus(actionId, version));
  }

  private async add(name: JobName.ActionSend | JobName.ActionStatus, actionId: string, jobId: string): Promise<void> {
    const data: ActionJobData = { actionId };
    await withTimeout(
      this.queue.add(name, data, JOB_OPTIONS.action(jobId, this.config.exchange.retryBaseMs)),
      250,
      'enqueue timed out',
    ).catch((err: Error) => this.logger.warn(`${name} ${actionId} left to the tick: ${err.message}`));
  }
}
