import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, JobHandlers, JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { DurableSchedules, JobProcessor } from '@scamintel/platform';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryService } from './delivery.service';
import { WebhooksRepository } from './webhooks.repository';

/** Pending deliveries untouched this long are queued again (their job may have been lost); a job still queued is not doubled. */
const RELAY_EVERY_MS = 15_000;
const RELAY_GRACE_MS = 10_000;

type WebhooksJob = JobName.WebhookDeliver | JobName.WebhooksRelay;

/** Worker: one attempt per `webhook-deliver` job (BullMQ retries with back-off), and the relay of lost deliveries. */
@Processor(QueueName.Webhooks, { concurrency: 8 })
export class WebhooksProcessor extends JobProcessor<WebhooksJob> implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksProcessor.name);

  protected readonly handlers: JobHandlers<WebhooksJob> = {
    [JobName.WebhooksRelay]: async () => {
      const ids = await this.repo.stalePending(RELAY_GRACE_MS, 1000);
      await this.queue.enqueue(ids);
      return { requeued: ids.length };
    },
    [JobName.WebhookDeliver]: async ({ deliveryId }, job) => {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await this.deliveries.attempt(deliveryId, final);
      // Thrown so BullMQ retries with back-off; the same delivery id (webhook-id) goes out again.
      if (outcome === 'retry') throw new Error(`delivery ${deliveryId} not accepted; retried`);
      return outcome;
    },
  };

  constructor(
    private readonly deliveries: DeliveryService,
    private readonly repo: WebhooksRepository,
    private readonly queue: DeliveryQueue,
    private readonly schedules: DurableSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue.queue, {
      id: SCHEDULER_IDS[JobName.WebhooksRelay],
      repeat: { every: RELAY_EVERY_MS },
      job: { name: JobName.WebhooksRelay, data: {}, opts: JOB_OPTIONS.tick },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`webhooks worker: ${err.message}`);
  }
}
