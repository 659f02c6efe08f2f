import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { ExchangeCoreModule } from '@scamintel/exchange';
import { TaxiiCollections } from './collections.service';
import { TaxiiFeed } from './feed.service';
import { IdScanRepository } from './id-scan.repository';
import { ObjectIdsRepository } from './object-ids.repository';
import { TaxiiObjectIndex } from './object-index';
import { TaxiiFastifyHooks } from './http/fastify-hooks';
import { TaxiiController } from './http/taxii.controller';

/** TAXII 2.1 at /taxii2/ (CONTRACT §8), built on the exchange's export, policy and STIX mapping. API only. */
@Module({
  imports: [ExchangeCoreModule, AuditModule],
  controllers: [TaxiiController],
  providers: [TaxiiFastifyHooks, TaxiiCollections, TaxiiFeed, IdScanRepository, ObjectIdsRepository, TaxiiObjectIndex],
})
export class TaxiiModule {}
