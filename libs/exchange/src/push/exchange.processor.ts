import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_OPTIONS, JobHandlers, JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { DurableSchedules, JobProcessor } from '@scamintel/platform';
import { InboundRepository } from '../inbound/inbound.repository';
import { PartnersService } from '../partners/partners.service';
import { ExchangeRun, isFinalFailure } from '../pull/exchange-run';

type ExchangeJob = JobName.ExchangeSchedule | JobName.ExchangePush;

/**
 * The worker's side of the exchange: a repeatable `exchange-schedule` job every EXCHANGE_PUSH_INTERVAL_MS
 * enqueues one exchange per partner (and forgets expired nonces); `exchange-push` runs it for one partner: a push,
 * a pull of its outbox, or both, by the partner's mode.
 */
@Processor(QueueName.Exchange, { concurrency: 4 })
export class ExchangeProcessor extends JobProcessor<ExchangeJob> implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExchangeProcessor.name);

  protected readonly handlers: JobHandlers<ExchangeJob> = {
    [JobName.ExchangeSchedule]: () => this.schedule(),
    [JobName.ExchangePush]: async ({ partnerNodeId }) => {
      try {
        return await this.runs.run(partnerNodeId);
      } catch (err) {
        if (isFinalFailure(err)) throw new UnrecoverableError((err as Error).message);
        throw err;
      }
    },
  };

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
      id: SCHEDULER_IDS[JobName.ExchangeSchedule],
      repeat: { every: this.config.exchange.pushIntervalMs },
      job: { name: JobName.ExchangeSchedule, data: {}, opts: JOB_OPTIONS.tick },
    });
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`exchange worker: ${err.message}`);
  }

  private async schedule(): Promise<{ partners: number; noncesPurged: number }> {
    const partners = await this.partners.all();
    for (const p of partners)
      await this.queue.add(JobName.ExchangePush, { partnerNodeId: p.nodeId }, JOB_OPTIONS.push(p.nodeId, this.config.exchange.retryBaseMs));
    return { partners: partners.length, noncesPurged: await this.inbound.purgeNonces() };
  }
}
