export * from './document';
export * from './diff';
