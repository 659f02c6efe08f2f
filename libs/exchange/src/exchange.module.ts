import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { AuthModule } from '@scamintel/auth';
import { QueueName } from '@scamintel/common';
import { VerdictsModule } from '@scamintel/policing';
import { ExchangeController } from './http/exchange.controller';
import { PartnersController } from './http/partners.controller';
import { NodeKeyService } from './identity/node-key.service';
import { InboundIngest } from './inbound/inbound-ingest';
import { InboundRepository } from './inbound/inbound.repository';
import { InboxService } from './inbound/inbox.service';
import { OutboxService } from './inbound/outbox.service';
import { SignedRequestService } from './inbound/signed-request.service';
import { PartnerRemoval } from './partners/partner-removal';
import { PartnersRepository } from './partners/partners.repository';
import { PartnersService } from './partners/partners.service';
import { ExchangeRun } from './pull/exchange-run';
import { PageReader } from './pull/page-reader';
import { PullStreams } from './pull/pull-streams';
import { PullCursorRepository } from './pull/pull-cursor.repository';
import { PullService } from './pull/pull.service';
import { ExchangeProcessor } from './push/exchange.processor';
import { ExportRepository } from './push/export.repository';
import { OutboundService } from './push/outbound.service';
import { PushService } from './push/push.service';
import { SyncQueue } from './push/sync-queue';

const CORE = [
  NodeKeyService,
  PartnersRepository,
  PartnersService,
  ExportRepository,
  OutboundService,
  PushService,
  InboundRepository,
  InboundIngest,
  PullCursorRepository,
  PageReader,
  PullStreams,
  PullService,
  ExchangeRun,
  SignedRequestService,
  InboxService,
  OutboxService,
];

/**
 * The exchange without HTTP or queues: identity, partners, export, push, inbound. Needs ConfigModule and
 * PersistenceModule from the host; this is what the CLI imports (libs/exchange/src/cli.ts).
 */
@Module({ imports: [AuditModule, VerdictsModule], providers: CORE, exports: CORE })
export class ExchangeCoreModule {}

/** The API: identity, inbox, outbox and the admin partner routes; "sync now" enqueues for the worker. */
@Module({
  imports: [ExchangeCoreModule, AuditModule, AuthModule, BullModule.registerQueue({ name: QueueName.Exchange })],
  controllers: [ExchangeController, PartnersController],
  providers: [SyncQueue, PartnerRemoval],
})
export class ExchangeModule {}

/** The worker: the exchange schedule and the per-partner jobs (push, pull or both). */
@Module({
  imports: [ExchangeCoreModule, BullModule.registerQueue({ name: QueueName.Exchange })],
  providers: [ExchangeProcessor],
})
export class ExchangeWorkerModule {}
