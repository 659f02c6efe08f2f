import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { QueueName } from '@scamintel/common';
import { ExchangeCoreModule } from '@scamintel/exchange';
import { CampaignsFeedService } from './exchange/feed.service';
import { ExchangeCampaignsController } from './exchange/inbound.controller';
import { CampaignsInboundRepository } from './exchange/inbound.repository';
import { CampaignsInboundService } from './exchange/inbound.service';
import { CampaignPartnerView } from './exchange/partner-view';
import { CampaignPullCursors } from './exchange/pull-cursor.repository';
import { CampaignsPullService } from './exchange/pull.service';
import { ShareRepository } from './exchange/share.repository';
import { ShareService } from './exchange/share.service';
import { AnalystRepository } from './analyst.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignsProcessor } from './campaigns.processor';
import { ClusteringService } from './clustering.service';
import { ExclusionsRepository } from './exclusions.repository';
import { GraphRepository } from './graph.repository';
import { GroupsWriter } from './groups.writer';
import { RebuildRepository } from './rebuild.repository';

/** Clustering without a queue (the CLI's rebuild, tests). */
@Module({
  providers: [GroupsWriter, GraphRepository, ExclusionsRepository, RebuildRepository, ClusteringService],
  exports: [ClusteringService, GraphRepository, GroupsWriter],
})
export class ClusteringModule {}

/** The API: campaign records and analysts' changes; partners push campaigns here and pull this node's. */
@Module({
  imports: [ClusteringModule, AuditModule, ExchangeCoreModule],
  controllers: [CampaignsController, ExchangeCampaignsController],
  providers: [
    CampaignsRepository,
    AnalystRepository,
    CampaignsService,
    CampaignsInboundRepository,
    CampaignsInboundService,
    ShareRepository,
    CampaignPartnerView,
    CampaignsFeedService,
  ],
  exports: [CampaignsService, CampaignsRepository],
})
export class CampaignsModule {}

/** The worker: clustering as batches are ingested, then sharing with partners: pushing to some, pulling from others. */
@Module({
  imports: [ClusteringModule, AuditModule, ExchangeCoreModule, BullModule.registerQueue({ name: QueueName.Campaigns })],
  providers: [
    ShareRepository,
    CampaignPartnerView,
    ShareService,
    CampaignsInboundRepository,
    CampaignsInboundService,
    CampaignPullCursors,
    CampaignsPullService,
    CampaignsProcessor,
  ],
})
export class CampaignsWorkerModule {}
