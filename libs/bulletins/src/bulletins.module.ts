import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ActionStatsModule } from '@scamintel/actions';
import { AuditModule } from '@scamintel/audit';
import { QueueName } from '@scamintel/common';
import { VerdictsModule } from '@scamintel/policing';
import { BulletinQueue } from './bulletin-queue';
import { BulletinsController } from './bulletins.controller';
import { BulletinsProcessor } from './bulletins.processor';
import { BulletinsRepository } from './bulletins.repository';
import { BulletinFiguresRepository } from './figures.repository';
import { BulletinsScheduler } from './bulletins.scheduler';
import { BulletinsService } from './bulletins.service';

/** API side: the routes, and the producer of generate jobs. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Bulletins }), AuditModule, VerdictsModule, ActionStatsModule],
  controllers: [BulletinsController],
  providers: [BulletinsRepository, BulletinFiguresRepository, BulletinQueue, BulletinsService],
  exports: [BulletinsService],
})
export class BulletinsModule {}

/** Worker side: the processor, the weekly job scheduler and the sweep of lost jobs. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Bulletins }), AuditModule, VerdictsModule, ActionStatsModule],
  providers: [BulletinsRepository, BulletinFiguresRepository, BulletinQueue, BulletinsService, BulletinsProcessor, BulletinsScheduler],
  exports: [BulletinsService],
})
export class BulletinsWorkerModule {}
