export * from './app-error';
export * from './errors';
export * from './error-status';
export * from './queues';
export * from './principal';
export * from './access.decorator';
export * from './rate-limit.decorator';
export * from './http-docs';
