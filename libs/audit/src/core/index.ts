export * from './jcs';
export * from './chain';
