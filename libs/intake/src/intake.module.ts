import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { IntakeProcessor } from './intake.processor';
import { IntakeQueue } from './intake.queue';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { OutboxRelay } from './outbox-relay';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Report intake for the API: validation, durable write with its outbox row, enqueue after commit; the report reads. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  controllers: [ReportsController],
  providers: [IntakeRepository, IntakeQueue, IntakeService, ReportsRepository, ReportsService],
  exports: [IntakeService, ReportsService],
})
export class IntakeModule {}

/**
 * Intake in the worker: the ingest queue's processor, and the relay that re-enqueues committed but unprocessed
 * batches (it runs where the queue is consumed).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  providers: [IntakeRepository, IntakeQueue, IntakeService, IntakeProcessor, OutboxRelay],
  exports: [IntakeService, OutboxRelay],
})
export class IntakeWorkerModule {}
