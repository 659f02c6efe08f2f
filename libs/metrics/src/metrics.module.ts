import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@scamintel/audit';
import { AppConfig } from '@scamintel/config';
import { AdminMetricsController, PublicMetricsController } from './metrics.controller';
import { MetricsRole, MetricsService } from './metrics.service';
import { QueueInspector } from './queue-inspector';
import { QueueMetrics } from './queue-metrics';
import { QueuesController } from './queues.controller';
import { JobMetrics, WorkerMetricsServer } from './worker-metrics';

const service = (role: MetricsRole | undefined) => ({
  provide: MetricsService,
  useFactory: () => (role ? new MetricsService().withDefaultMetrics(role) : new MetricsService()),
});

/**
 * Metrics of one process, global so any domain module can inject MetricsService and count what it does.
 * - forApi: `GET /metrics` (public, or admin with METRICS_PUBLIC=false) with queue depths read at scrape
 *   time, the HTTP latency hook (installHttpMetrics) and the admin queue dashboard at `/admin/queues`.
 * - forWorker: job latency of every BullMQ worker, and `GET /metrics` on WORKER_METRICS_PORT when set.
 * - forCli: the service alone, so code that counts can run in a one-shot process; nothing is exposed.
 */
@Module({})
export class MetricsModule {
  static forApi(config: AppConfig): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [AuditModule],
      controllers: [config.metrics.public ? PublicMetricsController : AdminMetricsController, QueuesController],
      providers: [service('api'), QueueInspector, QueueMetrics],
      exports: [MetricsService, QueueInspector],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [service('worker'), JobMetrics, WorkerMetricsServer],
      exports: [MetricsService, WorkerMetricsServer],
    };
  }

  static forCli(): DynamicModule {
    return { module: MetricsModule, global: true, providers: [service(undefined)], exports: [MetricsService] };
  }
}
