import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JobName, QueueName } from '@scamintel/common';
import { DurableSchedules } from '@scamintel/platform';
import { InboundRepository } from '../inbound/inbound.repository';
import { PartnersService } from '../partners/partners.service';
import { ExchangeRun, ExchangeRunSummary, isFinalFailure } from '../pull/exchange-run';
import { PushJobData, pushJobOptions } from './push-jobs';

export const SCHEDULER_ID = 'exchange-schedule';

/**
 * The worker's side of the exchange: a repeatable `exchange-schedule` job every EXCHANGE_PUSH_INTERVAL_MS
 * enqueues one exchange per partner (and forgets expired nonces); `exchange-push` runs it for one partner: a push,
 * a pull of its outbox, or both, by the partner's mode.
 */
@Processor(QueueName.Exchange, { concurrency: 4 })
export class ExchangeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExchangeProcessor.name);

  constructor(
    private readonly runs: ExchangeRun,
    private readonly partners: PartnersService,
    private readonly inbound: InboundRepository,
    @InjectQueue(QueueName.Exchange) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: DurableSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Every worker process of the node keeps the same scheduler (idempotent upserts, re-asserted after Redis loses it).
    await this.schedules.keep(this.queue, {
      id: SCHEDULER_ID,
      repeat: { every: this.config.exchange.pushIntervalMs },
      job: { name: JobName.ExchangeSchedule, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`exchange worker: ${err.message}`);
  }

  async process(job: Job): Promise<ExchangeRunSummary | { partners: number; noncesPurged: number }> {
    if (job.name === JobName.ExchangeSchedule) return this.schedule();
    if (job.name !== JobName.ExchangePush) throw new UnrecoverableError(`unknown exchange job ${job.name}`);
    const partnerNodeId = (job.data as PushJobData | undefined)?.partnerNodeId;
    if (typeof partnerNodeId !== 'string') throw new UnrecoverableError('push job without a partnerNodeId');
    try {
      return await this.runs.run(partnerNodeId);
    } catch (err) {
      if (isFinalFailure(err)) throw new UnrecoverableError((err as Error).message);
      throw err;
    }
  }

  private async schedule(): Promise<{ partners: number; noncesPurged: number }> {
    const partners = await this.partners.all();
    for (const p of partners)
      await this.queue.add(JobName.ExchangePush, { partnerNodeId: p.nodeId }, pushJobOptions(this.config, p.nodeId));
    return { partners: partners.length, noncesPurged: await this.inbound.purgeNonces() };
  }
}
