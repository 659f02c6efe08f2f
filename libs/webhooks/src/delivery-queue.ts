import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_OPTIONS, JobName, QueueName } from '@scamintel/common';
import { withTimeout } from '@scamintel/vocabulary';

/** Enqueues deliveries for the worker; a lost enqueue is made up by the worker's relay of stale pending deliveries. */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);

  constructor(
    @InjectQueue(QueueName.Webhooks) readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  options(deliveryId: string): JobsOptions {
    return JOB_OPTIONS.delivery(deliveryId, this.config.webhooks.attempts, this.config.webhooks.retryBaseMs);
  }

  async enqueue(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await withTimeout(
      this.queue.addBulk(ids.map((deliveryId) => ({ name: JobName.WebhookDeliver, data: { deliveryId }, opts: this.options(deliveryId) }))),
      250,
      'webhook enqueue timed out',
    ).catch((err: Error) => this.logger.warn(`deliveries stay pending for the relay: ${err.message}`));
  }
}
