export * from './reports.module';
export * from './intake-queue';
export * from './outbox-relay';
