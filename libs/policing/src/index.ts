export * from './policing.module';
export * from './verdict.service';
export * from './review.repository';
export * from './review.service';
export * from './appeals.service';
export * from './evidence-sql';
export type { LocalEvidence } from './evidence.repository';
export * from '@scamintel/policing-core';
