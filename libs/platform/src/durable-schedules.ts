import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@scamintel/config';

/** One BullMQ job scheduler: its id, when it fires, and the job it adds each time. */
export interface ScheduleSpec {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  job: { name: string; data?: Record<string, unknown>; opts?: Omit<JobsOptions, 'jobId' | 'repeat' | 'delay'> };
}

interface Kept {
  queue: Queue;
  spec: ScheduleSpec;
  pending?: Promise<boolean>;
}

/**
 * Job schedulers live in Redis alone. Registered once at start they are gone for good after Redis loses its data
 * (a restart without persistence, FLUSHALL, a failover to an empty replica), and pushes and bulletins stop silently.
 * So every schedule a worker keeps is upserted at start, again whenever its queue's connection becomes ready after a
 * reconnect, and every SCHEDULE_REASSERT_MS. BullMQ's upsert is idempotent — the same id with the same options keeps
 * the next run's time and never adds a second job for one slot — so every worker process of a node may do it.
 */
@Injectable()
export class DurableSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger(DurableSchedules.name);
  private readonly kept: Kept[] = [];
  private readonly watched = new Set<Queue>();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Keeps `spec` on `queue` from now on; resolves with the first upsert's outcome (failures are logged, never thrown). */
  keep(queue: Queue, spec: ScheduleSpec): Promise<boolean> {
    const kept: Kept = { queue, spec };
    this.kept.push(kept);
    this.watch(queue);
    this.timer ??= setInterval(() => void this.reassert(), this.config.scheduleReassertMs).unref();
    return this.upsert(kept);
  }

  /** Upserts every kept schedule (of one queue, after its reconnect); true when all are in place. */
  async reassert(queue?: Queue): Promise<boolean> {
    const results = await Promise.all(this.kept.filter((k) => !queue || k.queue === queue).map((k) => this.upsert(k)));
    return results.every(Boolean);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private watch(queue: Queue): void {
    if (this.watched.has(queue)) return;
    this.watched.add(queue);
    // The queue's backend re-emits its Redis connection's 'ready', which follows every reconnection.
    queue.getBackend().on('ready', () => void this.reassert(queue));
  }

  /** One upsert at a time per schedule: while Redis is down the command waits, and the next tick must not pile up. */
  private upsert(kept: Kept): Promise<boolean> {
    kept.pending ??= kept.queue
      .upsertJobScheduler(kept.spec.id, kept.spec.repeat, kept.spec.job)
      .then(
        () => true,
        (err: Error) => {
          this.logger.warn(
            `schedule ${kept.spec.id} not registered (retried on reconnect and every ${this.config.scheduleReassertMs} ms): ${err.message}`,
          );
          return false;
        },
      )
      .finally(() => (kept.pending = undefined));
    return kept.pending;
  }
}
