import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@scamintel/common';
import { CampaignsProcessor } from './campaigns.processor';
import { ClusteringService } from './clustering.service';
import { GraphRepository } from './graph.repository';
import { GroupsWriter } from './groups.writer';
import { RebuildRepository } from './rebuild.repository';

/** Clustering without a queue (the CLI's rebuild, tests). */
@Module({ providers: [GroupsWriter, GraphRepository, RebuildRepository, ClusteringService], exports: [ClusteringService, GraphRepository] })
export class ClusteringModule {}

/** The worker: clustering as batches are ingested. */
@Module({ imports: [ClusteringModule, BullModule.registerQueue({ name: QueueName.Campaigns })], providers: [CampaignsProcessor] })
export class CampaignsWorkerModule {}
