import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JobName, QueueName } from '@scamintel/common';
import { DurableSchedules } from '@scamintel/platform';
import { ActionJobData, ActionsQueue } from './actions-queue';
import { ActionsTrafficService } from './traffic.service';

export const ACTIONS_SCHEDULER_ID = 'actions-tick';

/**
 * Worker: `actions-tick` (a job scheduler every ACTIONS_EXPIRY_INTERVAL_MS, kept by DurableSchedules like the push
 * and bulletin schedules, so one tick per interval whatever the number of workers) expires due actions and relays lost
 * traffic; `action-send` and `action-status` carry requests and states over the signed channel.
 */
@Processor(QueueName.Actions, { concurrency: 4 })
export class ActionsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ActionsProcessor.name);

  constructor(
    private readonly traffic: ActionsTrafficService,
    private readonly queue: ActionsQueue,
    private readonly schedules: DurableSchedules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue.queue, {
      id: ACTIONS_SCHEDULER_ID,
      repeat: { every: this.config.actions.expiryIntervalMs },
      job: { name: JobName.ActionsTick, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`actions worker: ${err.message}`);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.ActionsTick) {
      const expired = await this.traffic.expireDue(new Date());
      return { expired, ...(await this.traffic.relay()) };
    }
    const actionId = (job.data as ActionJobData | undefined)?.actionId;
    if (typeof actionId !== 'string') throw new UnrecoverableError(`${job.name} job without an actionId`);
    if (job.name === JobName.ActionSend) return this.traffic.send(actionId);
    if (job.name === JobName.ActionStatus) return this.traffic.report(actionId);
    throw new UnrecoverableError(`unknown actions job ${job.name}`);
  }
}
