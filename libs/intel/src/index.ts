export * from './intel.module';
export type { IndicatorRecord } from './lookup/lookup.repository';
export * from './lookup/lookup.service';
export type { LookupAnswer } from './lookup/lookup-answer';
