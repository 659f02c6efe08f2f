export * from './intel.module';
export type { IndicatorRecord } from './lookup/lookup.repository';
export * from './ingest/ingest.service';
export * from './ingest/ingest.processor';
export * from './lookup/lookup.service';
