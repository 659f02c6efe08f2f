export * from './campaigns.module';
export * from './clustering.service';
export type { RebuildOutcome } from './rebuild.repository';
export * from './campaigns.service';
export * from './campaigns-error';
export * from './dto/campaign.response';
