export * from './actions.module';
export * from './traffic.service';
export { ActionsService } from './actions.service';
export { ActionsRepository } from './actions.repository';
export * from '@scamintel/actions-core';
