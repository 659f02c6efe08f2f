export * from './campaigns.module';
export * from './clustering.service';
export type { RebuildOutcome } from './rebuild.repository';
