import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { AuthModule } from '@scamintel/auth';
import { QueueName } from '@scamintel/common';
import { ExchangeCoreModule } from '@scamintel/exchange';
import { IntelModule } from '@scamintel/intel';
import { WebhookEventsModule } from '@scamintel/webhooks';
import { ActionChanges } from './action-changes.service';
import { ActionsController } from './actions.controller';
import { ActionsProcessor } from './actions.processor';
import { ActionsQueue } from './actions-queue';
import { ActionsRepository } from './actions.repository';
import { ActionsService } from './actions.service';
import { InboundRequestsService } from './crossborder/inbound-requests.service';
import { ExchangeRequestsController } from './crossborder/requests.controller';
import { PartnerClient } from './partner-client';
import { ActionsTrafficService } from './traffic.service';

const SHARED = [ActionsRepository, ActionsQueue, ActionChanges];
const IMPORTS = [AuditModule, ExchangeCoreModule, WebhookEventsModule, BullModule.registerQueue({ name: QueueName.Actions })];

/** The API: action routes and the partner's request routes. */
@Module({
  imports: [...IMPORTS, AuthModule, IntelModule],
  controllers: [ActionsController, ExchangeRequestsController],
  providers: [...SHARED, ActionsService, InboundRequestsService],
  exports: [ActionsService],
})
export class ActionsModule {}

/** The worker: expiry, cross-border delivery and reports. */
@Module({
  imports: IMPORTS,
  providers: [...SHARED, PartnerClient, ActionsTrafficService, ActionsProcessor],
  exports: [ActionsTrafficService],
})
export class ActionsWorkerModule {}

/** Read-only figures for other libs (bulletins): the repository's time-to-action query. */
@Module({ providers: [ActionsRepository], exports: [ActionsRepository] })
export class ActionStatsModule {}
