export * from './taxii.module';
export * from './media-types';
export * from './collections.service';
export * from './feed.service';
export * from './taxii-error';
export { isTaxiiPath } from './http/fastify-hooks';
export { taxiiErrorResource } from './http/taxii-errors';
