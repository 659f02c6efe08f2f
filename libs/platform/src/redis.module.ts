import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, redisOptions } from '@scamintel/config';

/**
 * One plain Redis client per process for rate limits and health checks. Commands fail fast while Redis is
 * down (no offline queue) so no request waits on it.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({
      ...redisOptions(config.redisUrl),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
      retryStrategy: (n) => Math.min(n * 200, 2000),
    });
    this.redis.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
