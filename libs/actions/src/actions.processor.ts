import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_OPTIONS, JobHandlers, JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { DurableSchedules, JobProcessor } from '@scamintel/platform';
import { ActionsQueue } from './actions-queue';
import { ActionsTrafficService } from './traffic.service';

type ActionsJob = JobName.ActionsTick | JobName.ActionSend | JobName.ActionStatus;

/**
 * Worker: `actions-tick` (a job scheduler every ACTIONS_EXPIRY_INTERVAL_MS, kept by DurableSchedules like the push
 * and bulletin schedules, so one tick per interval whatever the number of workers) expires due actions and relays lost
 * traffic; `action-send` and `action-status` carry requests and states over the signed channel.
 */
@Processor(QueueName.Actions, { concurrency: 4 })
export class ActionsProcessor extends JobProcessor<ActionsJob> implements OnApplicationBootstrap {
  private readonly logger = new Logger(ActionsProcessor.name);

  protected readonly handlers: JobHandlers<ActionsJob> = {
    [JobName.ActionsTick]: async () => {
      const expired = await this.traffic.expireDue(new Date());
      return { expired, ...(await this.traffic.relay()) };
    },
    [JobName.ActionSend]: ({ actionId }) => this.traffic.send(actionId),
    [JobName.ActionStatus]: ({ actionId }) => this.traffic.report(actionId),
  };

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
      id: SCHEDULER_IDS[JobName.ActionsTick],
      repeat: { every: this.config.actions.expiryIntervalMs },
      job: { name: JobName.ActionsTick, data: {}, opts: JOB_OPTIONS.tick },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`actions worker: ${err.message}`);
  }
}
