import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * Nest's logger on pino: one JSON line per event. Request logs come from Fastify's own pino child (with the
 * request id); this one carries the application's messages. Neither ever logs bodies or Authorization headers.
 */
export function createPino(level: string, name: string): Logger {
  return pino({
    level,
    name,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'reporter', '*.reporter', 'narrative', '*.narrative'],
      censor: '[redacted]',
    },
  });
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
