export * from './actions.module';
export * from './traffic.service';
export { ActionsRepository } from './actions.repository';
export * from '@scamintel/actions-core';
