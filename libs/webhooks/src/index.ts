export * from './webhooks.module';
export * from './webhooks.service';
export * from './http-target';
export * from '@scamintel/webhooks-core';
