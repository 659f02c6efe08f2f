export * from './events';
export * from './targets';
export * from './message';
