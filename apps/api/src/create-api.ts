import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@scamintel/config';
import { installHttpMetrics, privateRequestLogger } from '@scamintel/metrics';
import { setupOpenApi } from '@scamintel/openapi';
import { PinoNestLogger, createPino } from '@scamintel/platform';
import { ApiModule } from './api.module';
import { configureFastify, frameworkErrors } from './http/fastify-setup';
import { createValidationPipe } from './http/validation';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createPino(config.logLevel, `scamintel-api:${config.nodeId}`);
  const adapter = new FastifyAdapter({
    loggerInstance: privateRequestLogger(logger),
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    bodyLimit: 10 * 1024 * 1024,
    frameworkErrors,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  configureFastify(adapter);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  installHttpMetrics(app);
  setupOpenApi(app);
  return app;
}
