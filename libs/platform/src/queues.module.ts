import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, redisOptions } from '@scamintel/config';
import { DurableSchedules } from './durable-schedules';

/**
 * BullMQ on the node's Redis and prefix. Producers (the API) fail fast while Redis is down — the outbox relay
 * makes up for it — whereas consumers (the worker) wait and reconnect for as long as it takes. DurableSchedules
 * keeps the worker's job schedulers in Redis.
 */
@Module({})
export class QueuesModule {
  static forRoot(role: 'producer' | 'consumer'): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            prefix: config.queuePrefix,
            connection: {
              ...redisOptions(config.redisUrl),
              ...(role === 'producer' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { maxRetriesPerRequest: null }),
              retryStrategy: (n: number) => Math.min(n * 200, 2000),
            },
          }),
        }),
      ],
      providers: [DurableSchedules],
      exports: [BullModule, DurableSchedules],
    };
  }
}
