export * from './metrics.service';
export * from './metrics.module';
export * from './http-metrics';
export * from './queue-inspector';
export * from './worker-metrics';
export * from './ops-error';
export * from './request-log';
