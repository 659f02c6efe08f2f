export * from './model';
export * from './decide';
export * from './load-model';
