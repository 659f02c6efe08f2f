import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_OPTIONS, JobHandlers, JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { DurableSchedules, JobProcessor } from '@scamintel/platform';
import { FeedRefreshService } from './feed-refresh.service';

/** Worker: the feed refresh as a job scheduler (one run per interval however many workers), kept by DurableSchedules. */
@Processor(QueueName.Feeds, { concurrency: 1 })
export class FeedsProcessor extends JobProcessor<JobName.FeedRefresh> implements OnApplicationBootstrap {
  private readonly logger = new Logger(FeedsProcessor.name);

  protected readonly handlers: JobHandlers<JobName.FeedRefresh> = {
    [JobName.FeedRefresh]: () => this.refresh.refresh(new Date()),
  };

  constructor(
    private readonly refresh: FeedRefreshService,
    @InjectQueue(QueueName.Feeds) private readonly queue: Queue,
    private readonly schedules: DurableSchedules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue, {
      id: SCHEDULER_IDS[JobName.FeedRefresh],
      repeat: { every: this.config.feeds.refreshIntervalMs },
      job: { name: JobName.FeedRefresh, data: {}, opts: JOB_OPTIONS.tick },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`feeds worker: ${err.message}`);
  }
}
