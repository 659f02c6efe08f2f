import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JobName, QueueName } from '@scamintel/common';
import { DurableSchedules } from '@scamintel/platform';
import { FeedRefreshService } from './feed-refresh.service';

export const FEED_SCHEDULER_ID = 'feed-refresh';

/** Worker: the feed refresh as a job scheduler (one run per interval however many workers), kept by DurableSchedules. */
@Processor(QueueName.Feeds, { concurrency: 1 })
export class FeedsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(FeedsProcessor.name);

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
      id: FEED_SCHEDULER_ID,
      repeat: { every: this.config.feeds.refreshIntervalMs },
      job: { name: JobName.FeedRefresh, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`feeds worker: ${err.message}`);
  }

  process(job: Job): Promise<unknown> {
    if (job.name !== JobName.FeedRefresh) throw new UnrecoverableError(`unknown feeds job ${job.name}`);
    return this.refresh.refresh(new Date());
  }
}
