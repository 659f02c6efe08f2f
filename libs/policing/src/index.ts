export * from './policing.module';
export * from './verdict.service';
export * from './review.repository';
export * from '@scamintel/policing-core';
