import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { VerdictsModule } from '@scamintel/policing';
import { BatchCheckController } from './check/check.controller';
import { IndicatorsController } from './indicators.controller';
import { IngestProcessor } from './ingest/ingest.processor';
import { IngestRepository } from './ingest/ingest.repository';
import { IngestService } from './ingest/ingest.service';
import { LookupRepository } from './lookup/lookup.repository';
import { LookupService } from './lookup/lookup.service';

/** The indicator store's read path without routes (lookups, batch reads, verdicts): for the worker and other libs. */
@Module({
  imports: [VerdictsModule],
  providers: [LookupRepository, LookupService],
  exports: [LookupService],
})
export class IntelReadModule {}

/** Read side of the indicator store for the API: lookup, batch check, detail, listing, normalisation. */
@Module({
  imports: [IntelReadModule],
  controllers: [IndicatorsController, BatchCheckController],
  exports: [IntelReadModule],
})
export class IntelModule {}

/** Write side for the worker: the ingest queue's processor. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  providers: [IngestRepository, IngestService, IngestProcessor],
  exports: [IngestService],
})
export class IngestModule {}
