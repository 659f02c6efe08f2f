import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { dataSourceOptions } from './data-source';

/** The PostgreSQL connection pool. Repositories in each domain lib inject its DataSource; nothing else does. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(opts: { poolSize?: number; applicationName?: string } = {}): DynamicModule {
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
            // The app starts even when PostgreSQL is down; requests then answer 503 until it is back.
            retryAttempts: 0,
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
