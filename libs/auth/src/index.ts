export * from './actor';
export * from './auth.guard';
export * from './auth.module';
export * from './key-material';
export * from './keys.service';
export * from './presented-key';
export * from './profile';
