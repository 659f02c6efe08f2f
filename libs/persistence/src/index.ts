export * from './data-source';
export * from './persistence.module';
export * from './pg-errors';
export * from './sql';
