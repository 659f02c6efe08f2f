import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';
import { GAUGED_STATES, QueueCounts, QueueInspector } from './queue-inspector';

/**
 * Queue depth per queue and state, read from BullMQ (getJobCounts) at scrape time: no timer, no stale value.
 * When Redis does not answer, the depth series are left out of that scrape and `scamintel_queue_up` is 0.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly logger = new Logger(QueueMetrics.name);
  private pending?: Promise<QueueCounts[] | undefined>;

  constructor(
    private readonly metrics: MetricsService,
    private readonly inspector: QueueInspector,
  ) {}

  /** One Redis read per scrape, shared by both gauges (prom-client collects them concurrently). */
  private read(): Promise<QueueCounts[] | undefined> {
    this.pending ??= this.inspector
      .allCounts()
      .then(
        (counts) => counts,
        (err: Error) => {
          this.logger.warn(`queue depth not available: ${err.message}`);
          return undefined;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  onModuleInit(): void {
    const read = () => this.read();
    new Gauge({
      name: 'scamintel_queue_up',
      help: '1 when the queue counts of this scrape could be read from Redis, else 0.',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await read()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'scamintel_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read from BullMQ at scrape time.',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const counts = await read();
        this.reset();
        for (const q of counts ?? []) for (const state of GAUGED_STATES) this.labels(q.name, state).set(q.counts[state]);
      },
    });
  }
}
