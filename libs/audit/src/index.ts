export * from './audit.module';
export * from './audit-http.module';
export * from './audit.service';
export * from './core';
