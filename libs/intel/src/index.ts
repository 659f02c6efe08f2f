export * from './intel.module';
export type { IndicatorRecord } from './lookup/lookup.repository';
export * from './lookup/lookup.service';
