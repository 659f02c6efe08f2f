import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * Graceful stop on SIGTERM/SIGINT: Nest closes the app (HTTP stops accepting and drains, BullMQ workers stop
 * taking jobs and finish the ones in flight, pools close), then the process exits 0. Nest's own shutdown hooks
 * would re-raise the signal instead, which supervisors read as a crash. A second signal exits at once.
 */
export function closeOnSignals(app: INestApplicationContext | Promise<INestApplicationContext>, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log(`${signal}: finishing in-flight work`);
    // Installed before start-up finishes (queue workers take jobs during init): wait for the app, then close it.
    Promise.resolve(app)
      .then((a) => a.close())
      .then(
        () => process.exit(0),
        (err: Error) => {
          logger.error(`shutdown failed: ${err.message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
