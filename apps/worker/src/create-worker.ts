import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@scamintel/config';
import { PinoNestLogger, createPino } from '@scamintel/platform';
import { WorkerModule } from './worker.module';

/** The worker is a Nest application context (no HTTP): queue processors, the outbox relay, schedules. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const logger = createPino(config.logLevel, `scamintel-worker:${config.nodeId}`);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(logger) });
  return app;
}
