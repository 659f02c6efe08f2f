import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { QueueName } from '@scamintel/common';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryService } from './delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksProcessor } from './webhooks.processor';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

const EMIT = [WebhooksRepository, DeliveryQueue, WebhooksService];

/** The emit API for other libs (actions, feeds, campaigns): import this and inject WebhooksService. */
@Module({ imports: [AuditModule, BullModule.registerQueue({ name: QueueName.Webhooks })], providers: EMIT, exports: [WebhooksService] })
export class WebhookEventsModule {}

/** The API: subscription routes (and emit). */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: QueueName.Webhooks })],
  controllers: [WebhooksController],
  providers: EMIT,
  exports: [WebhooksService],
})
export class WebhooksModule {}

/** The worker: deliveries and their relay. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: QueueName.Webhooks })],
  providers: [...EMIT, DeliveryService, WebhooksProcessor],
  exports: [WebhooksService],
})
export class WebhooksWorkerModule {}
