export * from './feeds.module';
export * from './feed-refresh.service';
