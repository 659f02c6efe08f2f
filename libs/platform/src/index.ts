export * from './redis.module';
export * from './queues.module';
export * from './pino-logger';
export * from './shutdown';
export * from './durable-schedules';
export * from './verdict-changes';
export * from './job-processor';
