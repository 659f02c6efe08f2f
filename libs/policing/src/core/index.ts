export * from './model';
export * from './decide';
