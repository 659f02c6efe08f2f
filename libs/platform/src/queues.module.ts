import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig, redisOptions } from '@scamintel/config';
import { DurableSchedules } from './durable-schedules';
import { JobHandlerCheck } from './job-processor';

/**
 * BullMQ on the node's Redis and prefix. Producers (the API) fail fast while Redis is down — the outbox relay
 * makes up for it — whereas consumers (the worker) wait and reconnect for as long as it takes. DurableSchedules
 * keeps the worker's job schedulers in Redis; JobHandlerCheck stops a worker with a job nobody (or two) would run.
 */
@Module({})
export class QueuesModule {
  static forRoot(role: 'producer' | 'consumer'): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        DiscoveryModule,
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
      // The consumer (the worker) runs every job: it checks at start-up that each has exactly one handler.
      providers: role === 'consumer' ? [DurableSchedules, JobHandlerCheck] : [DurableSchedules],
      exports: [BullModule, DurableSchedules],
    };
  }
}
