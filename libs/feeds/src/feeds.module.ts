import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { IntelReadModule } from '@scamintel/intel';
import { VerdictsModule } from '@scamintel/policing';
import { WebhookEventsModule } from '@scamintel/webhooks';
import { FeedRefreshService } from './feed-refresh.service';
import { FeedsController } from './feeds.controller';
import { FeedsProcessor } from './feeds.processor';
import { FeedsRepository } from './feeds.repository';

/** The API: the blocklist feed. */
@Module({ controllers: [FeedsController], providers: [FeedsRepository] })
export class FeedsModule {}

/** The worker: the refresh that keeps verdict states (and verdict events) current. */
@Module({
  imports: [IntelReadModule, VerdictsModule, WebhookEventsModule, BullModule.registerQueue({ name: QueueName.Feeds })],
  providers: [FeedsRepository, FeedRefreshService, FeedsProcessor],
  exports: [FeedRefreshService],
})
export class FeedsWorkerModule {}
