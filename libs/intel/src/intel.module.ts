import { Module } from '@nestjs/common';
import { VerdictsModule } from '@scamintel/policing';
import { BatchCheckController } from './check/check.controller';
import { IndicatorsController } from './indicators.controller';
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
