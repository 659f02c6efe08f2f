import { DynamicModule, Module } from '@nestjs/common';
import { ActionsWorkerModule } from '@scamintel/actions';
import { AuditModule } from '@scamintel/audit';
import { BulletinsWorkerModule } from '@scamintel/bulletins';
import { AppConfig, ConfigModule } from '@scamintel/config';
import { ExchangeWorkerModule } from '@scamintel/exchange';
import { FeedsWorkerModule } from '@scamintel/feeds';
import { IngestModule } from '@scamintel/intel';
import { MetricsModule } from '@scamintel/metrics';
import { PersistenceModule } from '@scamintel/persistence';
import { QueuesModule } from '@scamintel/platform';
import { OutboxRelayModule } from '@scamintel/reports';
import { WebhooksWorkerModule } from '@scamintel/webhooks';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ applicationName: `scamintel-worker-${config.nodeId}`, poolSize: config.intake.workerConcurrency + 4 }),
        QueuesModule.forRoot('consumer'),
        MetricsModule.forWorker(),
        AuditModule,
        IngestModule,
        ExchangeWorkerModule,
        OutboxRelayModule,
        BulletinsWorkerModule,
        WebhooksWorkerModule,
        ActionsWorkerModule,
        FeedsWorkerModule,
      ],
    };
  }
}
