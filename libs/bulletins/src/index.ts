export * from './core';
export * from './bulletin-error';
export * from './bulletin-queue';
export * from './bulletins.module';
export * from './bulletins.service';
export * from './bulletins.repository';
export * from './files';
export * from './period';
