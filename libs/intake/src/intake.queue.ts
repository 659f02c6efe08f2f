import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { IngestJobData, JOB_OPTIONS, JobName, QueueName } from '@scamintel/common';
import { withTimeout } from '@scamintel/vocabulary';

/** How long an enqueue may take before the request stops waiting; the relay covers whatever did not make it. */
const ENQUEUE_TIMEOUT_MS = 250;

@Injectable()
export class IntakeQueue {
  private readonly logger = new Logger(IntakeQueue.name);

  constructor(@InjectQueue(QueueName.Ingest) private readonly queue: Queue<IngestJobData>) {}

  /** Best effort: never throws. Redis being down must not turn a committed report into an error. */
  async enqueue(outboxIds: string[]): Promise<boolean> {
    if (outboxIds.length === 0) return true;
    const add = this.queue.addBulk(
      outboxIds.map((outboxId) => ({
        name: JobName.IngestBatch,
        data: { outboxId },
        opts: JOB_OPTIONS.ingest(outboxId),
      })),
    );
    try {
      await withTimeout(add, ENQUEUE_TIMEOUT_MS, 'enqueue timed out');
      return true;
    } catch (err) {
      this.logger.warn(`enqueue deferred to the relay: ${(err as Error).message}`);
      return false;
    }
  }
}
