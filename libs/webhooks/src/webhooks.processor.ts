import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, QueueName } from '@scamintel/common';
import { DurableSchedules } from '@scamintel/platform';
import { DeliverJobData, DeliveryQueue } from './delivery-queue';
import { DeliveryService } from './delivery.service';
import { WebhooksRepository } from './webhooks.repository';

export const RELAY_SCHEDULER_ID = 'webhooks-relay';
/** Pending deliveries untouched this long are queued again (their job may have been lost); a job still queued is not doubled. */
const RELAY_EVERY_MS = 15_000;
const RELAY_GRACE_MS = 10_000;

/** Worker: one attempt per `webhook-deliver` job (BullMQ retries with back-off), and the relay of lost deliveries. */
@Processor(QueueName.Webhooks, { concurrency: 8 })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksProcessor.name);

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
      id: RELAY_SCHEDULER_ID,
      repeat: { every: RELAY_EVERY_MS },
      job: { name: JobName.WebhooksRelay, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`webhooks worker: ${err.message}`);
  }

  async process(job: Job): Promise<string | { requeued: number }> {
    if (job.name === JobName.WebhooksRelay) {
      const ids = await this.repo.stalePending(RELAY_GRACE_MS, 1000);
      await this.queue.enqueue(ids);
      return { requeued: ids.length };
    }
    if (job.name !== JobName.WebhookDeliver) throw new UnrecoverableError(`unknown webhooks job ${job.name}`);
    const id = (job.data as DeliverJobData | undefined)?.deliveryId;
    if (typeof id !== 'string') throw new UnrecoverableError('webhook-deliver job without a deliveryId');
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.deliveries.attempt(id, final);
    // Thrown so BullMQ retries with back-off; the same delivery id (webhook-id) goes out again.
    if (outcome === 'retry') throw new Error(`delivery ${id} not accepted; retried`);
    return outcome;
  }
}
