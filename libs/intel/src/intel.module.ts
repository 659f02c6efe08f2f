import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { VerdictsModule } from '@scamintel/policing';
import { IndicatorsController } from './indicators.controller';
import { IngestProcessor } from './ingest/ingest.processor';
import { IngestRepository } from './ingest/ingest.repository';
import { IngestService } from './ingest/ingest.service';
import { LookupRepository } from './lookup/lookup.repository';
import { LookupService } from './lookup/lookup.service';

/** Read side of the indicator store for the API: lookup, detail, listing, normalisation. */
@Module({
  imports: [VerdictsModule],
  controllers: [IndicatorsController],
  providers: [LookupRepository, LookupService],
  exports: [LookupService],
})
export class IntelModule {}

/** Write side for the worker: the ingest queue's processor. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Ingest })],
  providers: [IngestRepository, IngestService, IngestProcessor],
  exports: [IngestService],
})
export class IngestModule {}
