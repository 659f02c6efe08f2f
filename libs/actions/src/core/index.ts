export * from './transition';
export * from './sla';
export * from './routing';
export * from './board';
