import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JobName, QueueName } from '@scamintel/common';
import { DurableSchedules } from '@scamintel/platform';
import { ClusteringService } from './clustering.service';
import { ShareService } from './exchange/share.service';

export const CAMPAIGNS_SCHEDULER_ID = 'campaigns-cluster';

/** Payload of a clustering job: none — the job clusters whatever ingest has committed since (idempotent). */
export type ClusterJobData = Record<string, never>;

/**
 * Worker: clustering follows ingest, and what changed goes to partners right after through the intake outbox (a batch is clustered once its ingest committed),
 * on a job scheduler — one run per interval however many workers, one at a time.
 */
@Processor(QueueName.Campaigns, { concurrency: 1 })
export class CampaignsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CampaignsProcessor.name);

  constructor(
    private readonly clustering: ClusteringService,
    private readonly share: ShareService,
    @InjectQueue(QueueName.Campaigns) private readonly queue: Queue,
    private readonly schedules: DurableSchedules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.campaigns.enabled) return;
    await this.schedules.keep(this.queue, {
      id: CAMPAIGNS_SCHEDULER_ID,
      repeat: { every: this.config.campaigns.intervalMs },
      job: { name: JobName.CampaignsCluster, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`campaigns worker: ${err.message}`);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== JobName.CampaignsCluster) throw new UnrecoverableError(`unknown campaigns job ${job.name}`);
    const clustered = await this.clustering.catchUp();
    const shared = await this.share.shareAll();
    return { ...clustered, ...shared };
  }
}
