export * from './campaigns.module';
export * from './clustering.service';
export type { RebuildOutcome } from './rebuild.repository';
export * from './campaigns.service';
export type { CampaignEvent, ReceivedCampaign } from './campaigns.repository';
export * from './campaigns-error';
export * from './dto/campaign.response';
// The bench drives the repositories directly, without a Nest context.
export { GraphRepository } from './graph.repository';
export { RebuildRepository } from './rebuild.repository';
export { GroupsWriter } from './groups.writer';
export { ExclusionsRepository } from './exclusions.repository';
