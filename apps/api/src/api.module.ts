import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ActionsModule } from '@scamintel/actions';
import { AuditHttpModule, AuditModule } from '@scamintel/audit';
import { AuthModule } from '@scamintel/auth';
import { BulletinsModule } from '@scamintel/bulletins';
import { APP_CONFIG, AppConfig, ConfigModule } from '@scamintel/config';
import { ExchangeModule } from '@scamintel/exchange';
import { FeedsModule } from '@scamintel/feeds';
import { CampaignsModule } from '@scamintel/campaigns';
import { IntelModule } from '@scamintel/intel';
import { MetricsModule } from '@scamintel/metrics';
import { PersistenceModule } from '@scamintel/persistence';
import { PolicingModule } from '@scamintel/policing';
import { QueuesModule, RedisClient, RedisModule, VerdictChangesModule } from '@scamintel/platform';
import { IntakeModule } from '@scamintel/intake';
import { TaxiiModule } from '@scamintel/taxii';
import { WebModule } from '@scamintel/web';
import { WebhooksModule } from '@scamintel/webhooks';
import { ErrorFilter } from './http/error.filter';
import { HealthController } from './http/health.controller';
import { RateLimitGuard } from './http/rate-limit.guard';
import { RedisThrottlerStorage } from './http/redis-throttler.storage';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ applicationName: `scamintel-api-${config.nodeId}` }),
        RedisModule,
        VerdictChangesModule,
        QueuesModule.forRoot('producer'),
        MetricsModule.forApi(config),
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, RedisClient],
          useFactory: (c: AppConfig, redis: RedisClient) => ({
            throttlers: Object.entries(c.rateLimits).map(([name, l]) => ({ name, limit: l.limit, ttl: l.windowMs })),
            storage: new RedisThrottlerStorage(redis.redis, c.queuePrefix),
            // Retry-After is set by RateLimitGuard without the per-throttler suffix.
            setHeaders: false,
          }),
        }),
        AuditModule,
        AuthModule,
        AuditHttpModule,
        IntakeModule,
        IntelModule,
        ExchangeModule,
        PolicingModule,
        BulletinsModule,
        TaxiiModule,
        WebModule,
        WebhooksModule,
        ActionsModule,
        FeedsModule,
        CampaignsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        // Registered after AuthModule's guard: authentication runs first, then the limit.
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
