import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { IntakeQueue } from './intake-queue';
import { OutboxRelay } from './outbox-relay';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Report intake: validation, durable write with its outbox row, enqueue after commit. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, IntakeQueue],
  exports: [ReportsService],
})
export class ReportsModule {}

/** The relay runs where the queue is consumed (the worker): it re-enqueues committed but unprocessed batches. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  providers: [ReportsRepository, IntakeQueue, OutboxRelay],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
