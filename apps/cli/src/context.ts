import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { AuditModule } from '@scamintel/audit';
import { AuthModule } from '@scamintel/auth';
import { BulletinsModule } from '@scamintel/bulletins';
import { ClusteringModule } from '@scamintel/campaigns';
import { AppConfig, ConfigModule } from '@scamintel/config';
import { ExchangeCoreModule } from '@scamintel/exchange';
import { MetricsModule } from '@scamintel/metrics';
import { PersistenceModule } from '@scamintel/persistence';
import { PinoNestLogger, QueuesModule } from '@scamintel/platform';
import { IntakeModule } from '@scamintel/intake';

export type ContextKind = 'keys' | 'audit' | 'import' | 'exchange' | 'bulletins' | 'campaigns';

/**
 * Only what a command needs: keys and audit talk to PostgreSQL alone; import also needs the ingest queue
 * (producer side: if Redis is down, the worker's outbox relay enqueues the batches later); exchange pushes from
 * this process (no queue); bulletins generate in this process too, through the same service as the worker.
 */
@Module({})
export class CliModule {
  static forCommand(config: AppConfig, kind: ContextKind): DynamicModule {
    const base = [
      ConfigModule.forRoot(config),
      PersistenceModule.forRoot({
        applicationName: `scamintel-cli-${config.nodeId}`,
        poolSize: kind === 'import' ? 8 : 2,
        waitForDatabase: false,
      }),
      AuditModule,
    ];
    const extras: Record<ContextKind, DynamicModule['imports']> = {
      keys: [AuthModule],
      audit: [],
      import: [QueuesModule.forRoot('producer'), MetricsModule.forCli(), IntakeModule],
      exchange: [ExchangeCoreModule],
      bulletins: [QueuesModule.forRoot('producer'), BulletinsModule],
      campaigns: [ClusteringModule],
    };
    const extra = extras[kind] ?? [];
    return { module: CliModule, imports: [...base, ...extra] };
  }
}

/**
 * The CLI's logs go to stderr (stdout is for results), at `warn` unless LOG_LEVEL asks for more detail, so
 * Nest's start-up chatter stays out of the way.
 */
export function cliLogger(config: AppConfig) {
  const verbose = ['debug', 'trace'].includes(config.logLevel);
  return pino(
    {
      level: verbose
        ? config.logLevel
        : config.logLevel === 'silent' || config.logLevel === 'fatal' || config.logLevel === 'error'
          ? config.logLevel
          : 'warn',
      name: `scamintel-cli:${config.nodeId}`,
    },
    pino.destination(2),
  );
}

export async function createCliContext(config: AppConfig, kind: ContextKind): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.forCommand(config, kind), {
    logger: new PinoNestLogger(cliLogger(config)),
    abortOnError: false,
  });
}
