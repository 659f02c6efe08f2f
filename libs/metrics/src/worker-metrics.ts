import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { MetricsService } from './metrics.service';

const seconds = (ms: number) => ms / 1000;

/**
 * Times every job of every BullMQ worker in this process (processors found through Nest's discovery, so a
 * new queue's processor is covered without touching this file). Reports of ingest batches that failed for good
 * are counted by intake's processor, which knows its payload.
 */
@Injectable()
export class JobMetrics implements OnApplicationBootstrap {
  readonly observed: string[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (!(instance instanceof WorkerHost)) continue;
      let worker: Worker;
      try {
        worker = instance.worker;
      } catch {
        continue; // a processor whose worker was not started (request-scoped, or disabled)
      }
      if (!worker || this.observed.includes(worker.name)) continue;
      this.observe(worker);
    }
  }

  private observe(worker: Worker): void {
    const queue = worker.name;
    this.observed.push(queue);
    const record = (job: Job | undefined, outcome: 'completed' | 'failed') => {
      if (!job || !job.processedOn) return;
      const finished = job.finishedOn ?? Date.now();
      const due = job.timestamp + (job.delay ?? 0);
      this.metrics.job(queue, job.name, outcome, seconds(finished - job.processedOn), seconds(Math.max(0, job.processedOn - due)));
    };
    worker.on('completed', (job) => record(job, 'completed'));
    worker.on('failed', (job) => record(job, 'failed'));
  }
}

/**
 * The worker has no HTTP server; with WORKER_METRICS_PORT set it opens one that answers only `GET /metrics`
 * (Prometheus text) on HOST. Off by default. Port 0 picks a free port (tests read it from `port`).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port listened on, or undefined when the listener is off. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.workerPort;
    if (port === undefined) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(path === '/metrics' ? 405 : 404, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: { code: path === '/metrics' ? 'method_not_allowed' : 'not_found', message: 'only GET /metrics is served here' },
          }),
        );
        return;
      }
      this.metrics.scrape().then(
        ({ contentType, body }) =>
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
        (err: Error) => {
          this.logger.error(`metrics scrape failed: ${err.message}`);
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }));
        },
      );
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker metrics on http://${this.config.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
