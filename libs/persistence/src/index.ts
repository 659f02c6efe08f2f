export * from './data-source';
export * from './persistence.module';
export * from './sql';
export { MIGRATIONS } from './migrations';
