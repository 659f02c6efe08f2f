import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@scamintel/common';
import { IngestOutcome, IntakeService } from './intake.service';

/** Payload of an ingest job: the outbox row whose reports to process (the reports themselves stay in PostgreSQL). */
export interface IngestJobData {
  outboxId: string;
}

export function parseIngestJob(data: unknown): IngestJobData {
  const id = (data as IngestJobData | null)?.outboxId;
  if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw new UnrecoverableError('ingest job without a valid outboxId');
  return { outboxId: id };
}

// A short lock brings a batch held by a killed worker back within ~15 s instead of the default 30 s + 30 s.
@Processor(QueueName.Ingest, { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class IntakeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(IntakeProcessor.name);

  constructor(
    private readonly intake: IntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.intake.workerConcurrency;
  }

  /** Redis outages and jobs lost with a restarted Redis surface here; the outbox relay re-enqueues them. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`ingest worker: ${err.message}`);
  }

  /** A batch that will not be retried again: its reports count as failed. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error | undefined): void {
    if (!job || !(err?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1))) return;
    let outboxId: string;
    try {
      ({ outboxId } = parseIngestJob(job.data));
    } catch {
      return;
    }
    this.intake.countFailed(outboxId).catch((e: Error) => this.logger.warn(`failed reports not counted: ${e.message}`));
  }

  async process(job: Job): Promise<IngestOutcome> {
    const { outboxId } = parseIngestJob(job.data);
    const outcome = await this.intake.ingest(outboxId);
    this.logger.debug(
      `outbox ${outboxId}: ${outcome.reports} reports, ${outcome.indicators} indicators, ${outcome.newSightings} new sightings`,
    );
    return outcome;
  }
}
