import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { JOB_PARSERS, JobHandlers, JobName, QueueName, isFinalAttempt } from '@scamintel/common';
import { JobProcessor } from '@scamintel/platform';
import { IntakeService } from './intake.service';

// A short lock brings a batch held by a killed worker back within ~15 s instead of the default 30 s + 30 s.
@Processor(QueueName.Ingest, { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class IntakeProcessor extends JobProcessor<JobName.IngestBatch> implements OnApplicationBootstrap {
  private readonly logger = new Logger(IntakeProcessor.name);

  protected readonly handlers: JobHandlers<JobName.IngestBatch> = {
    [JobName.IngestBatch]: async ({ outboxId }) => {
      const outcome = await this.intake.ingest(outboxId);
      this.logger.debug(
        `outbox ${outboxId}: ${outcome.reports} reports, ${outcome.indicators} indicators, ${outcome.newSightings} new sightings`,
      );
      return outcome;
    },
  };

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
    if (!job || !isFinalAttempt(job, err)) return;
    let outboxId: string;
    try {
      ({ outboxId } = JOB_PARSERS[JobName.IngestBatch](job.data));
    } catch {
      return;
    }
    this.intake.countFailed(outboxId).catch((e: Error) => this.logger.warn(`failed reports not counted: ${e.message}`));
  }
}
