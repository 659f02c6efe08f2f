export * from './document';
export * from './diff';
export { ROUTE_DOCS } from './route-docs';
export type { RouteDoc, ResponseDoc } from './route-docs';
export { SCHEMAS } from './schemas';
