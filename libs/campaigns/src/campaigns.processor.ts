import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_OPTIONS, JobHandlers, JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { DurableSchedules, JobProcessor } from '@scamintel/platform';
import { ClusteringService } from './clustering.service';
import { CampaignsPullService } from './exchange/pull.service';
import { ShareService } from './exchange/share.service';

/**
 * Worker: clustering follows ingest, and what changed goes to partners right after through the intake outbox (a batch is clustered once its ingest committed),
 * on a job scheduler — one run per interval however many workers, one at a time. Partners this node pulls from are read
 * at the same cadence, so a pull-mode partnership converges as fast as a push-mode one.
 */
@Processor(QueueName.Campaigns, { concurrency: 1 })
export class CampaignsProcessor extends JobProcessor<JobName.CampaignsCluster> implements OnApplicationBootstrap {
  private readonly logger = new Logger(CampaignsProcessor.name);

  protected readonly handlers: JobHandlers<JobName.CampaignsCluster> = {
    [JobName.CampaignsCluster]: async () => {
      const clustered = await this.clustering.catchUp();
      const shared = await this.share.shareAll();
      const pulled = await this.pulls.pullAll();
      return { ...clustered, ...shared, ...pulled };
    },
  };

  constructor(
    private readonly clustering: ClusteringService,
    private readonly share: ShareService,
    private readonly pulls: CampaignsPullService,
    @InjectQueue(QueueName.Campaigns) private readonly queue: Queue,
    private readonly schedules: DurableSchedules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.campaigns.enabled) return;
    await this.schedules.keep(this.queue, {
      id: SCHEDULER_IDS[JobName.CampaignsCluster],
      repeat: { every: this.config.campaigns.intervalMs },
      job: { name: JobName.CampaignsCluster, data: {}, opts: JOB_OPTIONS.tick },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`campaigns worker: ${err.message}`);
  }
}
