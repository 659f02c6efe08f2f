import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JobName, QueueName } from '@scamintel/common';
import { withTimeout } from '@scamintel/vocabulary';

/** `action-send`: deliver a request to its partner. `action-status`: report an inbound request's state to its requester. */
export interface ActionJobData {
  actionId: string;
}

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

  private options(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: 8,
      backoff: { type: 'exponential', delay: this.config.exchange.retryBaseMs },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  send(actionId: string): Promise<void> {
    return this.add(JobName.ActionSend, actionId, `send-${actionId}`);
  }

  /** One job per version: a later state is never swallowed by a job still busy with an earlier one. */
  report(actionId: string, version: number): Promise<void> {
    return this.add(JobName.ActionStatus, actionId, `status-${actionId}-${version}`);
  }

  private async add(name: JobName, actionId: string, jobId: string): Promise<void> {
    await withTimeout(this.queue.add(name, { actionId }, this.options(jobId)), 250, 'enqueue timed out').catch((err: Error) =>
      this.logger.warn(`${name} ${actionId} left to the tick: ${err.message}`),
    );
  }
}
