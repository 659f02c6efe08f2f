import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { IntakeQueue } from './intake.queue';
import { IntakeRepository } from './intake.repository';

/**
 * Re-enqueues every committed report batch that is not processed yet: after Redis was down when it was
 * accepted, or restarted empty, or a job was lost with a killed worker. Job ids are the outbox ids, so a
 * batch that is still queued is not added twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly reports: IntakeRepository,
    private readonly queue: IntakeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.intake.relayIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const ids = await this.reports.pendingOutbox(this.config.intake.relayGraceMs, 1000);
      if (ids.length && (await this.queue.enqueue(ids))) return ids.length;
      return 0;
    } catch (err) {
      this.logger.warn(`relay pass failed: ${(err as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
