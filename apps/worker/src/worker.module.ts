import { DynamicModule, Module } from '@nestjs/common';
import { ActionsWorkerModule } from '@scamintel/actions';
import { AuditModule } from '@scamintel/audit';
import { BulletinsWorkerModule } from '@scamintel/bulletins';
import { CampaignsWorkerModule } from '@scamintel/campaigns';
import { AppConfig, ConfigModule } from '@scamintel/config';
import { ExchangeWorkerModule } from '@scamintel/exchange';
import { FeedsWorkerModule } from '@scamintel/feeds';
import { IntakeWorkerModule } from '@scamintel/intake';
import { MetricsModule } from '@scamintel/metrics';
import { PersistenceModule } from '@scamintel/persistence';
import { QueuesModule, VerdictChangesModule } from '@scamintel/platform';
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
        VerdictChangesModule,
        MetricsModule.forWorker(),
        AuditModule,
        IntakeWorkerModule,
        ExchangeWorkerModule,
        BulletinsWorkerModule,
        WebhooksWorkerModule,
        ActionsWorkerModule,
        FeedsWorkerModule,
        CampaignsWorkerModule,
      ],
    };
  }
}
