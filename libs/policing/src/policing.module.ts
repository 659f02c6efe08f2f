import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { EvidenceRepository } from './evidence.repository';
import { PolicingController } from './policing.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';
import { VerdictService } from './verdict.service';

/** Verdicts for anyone who needs them (lookup, exchange, bulletins): no routes. */
@Module({
  providers: [EvidenceRepository, VerdictService, ReviewRepository],
  exports: [VerdictService, ReviewRepository],
})
export class VerdictsModule {}

/** Analyst review and public appeals (API). */
@Module({
  imports: [AuditModule, VerdictsModule],
  controllers: [PolicingController],
  providers: [ReviewService, AppealsRepository, AppealsService],
  exports: [ReviewService, AppealsService],
})
export class PolicingModule {}
