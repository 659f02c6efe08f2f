import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, JobName, SCHEDULER_IDS } from '@scamintel/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { DurableSchedules } from '@scamintel/platform';
import { BulletinQueue } from './bulletin-queue';
import { BulletinsService } from './bulletins.service';

/**
 * Worker only: keeps the weekly job scheduler in line with the configuration (DurableSchedules upserts it now, after
 * Redis reconnects and periodically; every worker process may) and re-queues drafts whose job was lost.
 */
@Injectable()
export class BulletinsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BulletinsScheduler.name);

  constructor(
    private readonly queue: BulletinQueue,
    private readonly bulletins: BulletinsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: DurableSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { cron, timezone } = this.config.bulletins;
    const kept = await this.schedules.keep(this.queue.queue, {
      id: SCHEDULER_IDS[JobName.BulletinWeekly],
      repeat: { pattern: cron, tz: timezone },
      job: {
        name: JobName.BulletinWeekly,
        data: {},
        opts: JOB_OPTIONS.weekly,
      },
    });
    if (kept) this.logger.log(`weekly bulletin scheduled: "${cron}" (${timezone})`);
    await this.bulletins
      .requeueStale(30_000)
      .catch((err: Error) => this.logger.warn(`could not re-queue pending bulletins: ${err.message}`));
  }
}
