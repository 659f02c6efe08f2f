import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@scamintel/audit';
import { QueueName } from '@scamintel/common';
import { AnalystRepository } from './analyst.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignsProcessor } from './campaigns.processor';
import { ClusteringService } from './clustering.service';
import { GraphRepository } from './graph.repository';
import { GroupsWriter } from './groups.writer';
import { RebuildRepository } from './rebuild.repository';

/** Clustering without a queue (the CLI's rebuild, tests). */
@Module({
  providers: [GroupsWriter, GraphRepository, RebuildRepository, ClusteringService],
  exports: [ClusteringService, GraphRepository, GroupsWriter],
})
export class ClusteringModule {}

/** The API: campaign records and analysts' changes. */
@Module({
  imports: [ClusteringModule, AuditModule],
  controllers: [CampaignsController],
  providers: [CampaignsRepository, AnalystRepository, CampaignsService],
  exports: [CampaignsService, CampaignsRepository],
})
export class CampaignsModule {}

/** The worker: clustering as batches are ingested. */
@Module({ imports: [ClusteringModule, BullModule.registerQueue({ name: QueueName.Campaigns })], providers: [CampaignsProcessor] })
export class CampaignsWorkerModule {}
