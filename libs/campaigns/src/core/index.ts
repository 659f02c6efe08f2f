export * from './union-find';
export * from './cluster';
export * from './recluster';
export * from './record';
export * from './stix';
export * from './read-stix';
export * from './id-groups';
export * from './batch-counts';
