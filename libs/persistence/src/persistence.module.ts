import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { dataSourceOptions } from './data-source';

/** The PostgreSQL connection pool. Repositories in each domain lib inject its DataSource; nothing else does. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(opts: { poolSize?: number; applicationName?: string; waitForDatabase?: boolean } = {}): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({
              databaseUrl: config.databaseUrl,
              poolSize: opts.poolSize,
              applicationName: opts.applicationName ?? `scamintel-${config.nodeId}`,
            }),
            // A service started while PostgreSQL restarts waits for it (up to a minute) instead of exiting at once;
            // once running, it rides out outages on its own (requests answer 503, jobs retry). The CLI fails fast.
            retryAttempts: opts.waitForDatabase === false ? 0 : 30,
            retryDelay: 2000,
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
