import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Which process a registry belongs to; decides the default process metrics' label and nothing else. */
export type MetricsRole = 'api' | 'worker' | 'cli';

export type ReportSubmitter = 'key' | 'public' | 'import';
export type ExchangeDirection = 'sent' | 'received';
export type ExchangeOutcome = 'accepted' | 'rejected' | 'failed';
export type JobOutcome = 'completed' | 'failed';

/** Latency buckets (seconds) from 1 ms to 10 s: HTTP requests and lookups. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Job buckets reach further: an exchange push or a bulletin render can take a minute. */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

const statusClass = (status: number): string => (status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other');

/**
 * The metrics of one process, in a registry of its own (not prom-client's global one), so an API and a worker
 * can live in one process — as they do in the e2e tests — without colliding. Domain code calls the methods;
 * label values are closed sets, never free text, so the series count stays bounded.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly received = new Counter({
    name: 'scamintel_reports_received_total',
    help: 'Reports durably accepted (committed with their outbox row), by kind of submitter.',
    labelNames: ['submitter'] as const,
    registers: [this.registry],
  });
  private readonly processed = new Counter({
    name: 'scamintel_reports_processed_total',
    help: 'Reports ingested by the worker (indicators normalised, sightings counted).',
    registers: [this.registry],
  });
  private readonly failed = new Counter({
    name: 'scamintel_reports_failed_total',
    help: 'Reports in ingest batches whose job failed for good (attempts exhausted); the outbox relay re-queues them later.',
    registers: [this.registry],
  });
  private readonly upserted = new Counter({
    name: 'scamintel_indicators_upserted_total',
    help: 'Distinct indicators inserted or updated by ingest batches.',
    registers: [this.registry],
  });
  private readonly exchangeBatches = new Counter({
    name: 'scamintel_exchange_batches_total',
    help: 'Exchange batches by direction (sent, received) and outcome (accepted, rejected, failed).',
    labelNames: ['direction', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly exchangeObjects = new Counter({
    name: 'scamintel_exchange_objects_total',
    help: 'STIX objects in accepted exchange batches, by direction.',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });
  private readonly unwitnessed = new Counter({
    name: 'scamintel_exchange_unwitnessed_total',
    help: "Batches a partner acknowledged with a valid receipt without `witness`: delivered, this node's signed audit head left unwitnessed.",
    registers: [this.registry],
  });
  private readonly http = new Histogram({
    name: 'scamintel_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status class.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly lookups = new Histogram({
    name: 'scamintel_lookup_duration_seconds',
    help: 'Latency of GET /v1/lookup by status class.',
    labelNames: ['status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobs = new Histogram({
    name: 'scamintel_job_duration_seconds',
    help: 'Queue job processing time (processedOn to finishedOn), by queue, job name and outcome.',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobWait = new Histogram({
    name: 'scamintel_job_wait_seconds',
    help: 'Time a job waited in its queue before a worker took it (timestamp/delay to processedOn), by queue.',
    labelNames: ['queue'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    // Zero-valued series exist from the first scrape, so rate() and alerts work before the first event.
    for (const s of ['key', 'public', 'import'] as const) this.received.labels(s).inc(0);
    for (const d of ['sent', 'received'] as const) {
      for (const o of ['accepted', 'rejected', 'failed'] as const) this.exchangeBatches.labels(d, o).inc(0);
      this.exchangeObjects.labels(d).inc(0);
    }
    this.unwitnessed.inc(0);
  }

  /** Adds prom-client's process and Node.js runtime metrics (CPU, memory, event loop lag, GC, handles). */
  withDefaultMetrics(role: MetricsRole): this {
    collectDefaultMetrics({ register: this.registry, labels: { process_role: role } });
    return this;
  }

  reportsReceived(count: number, submitter: ReportSubmitter): void {
    if (count > 0) this.received.labels(submitter).inc(count);
  }

  /** One ingest batch committed: its reports and the distinct indicators it upserted. */
  ingested(reports: number, indicators: number): void {
    if (reports > 0) this.processed.inc(reports);
    if (indicators > 0) this.upserted.inc(indicators);
  }

  reportsFailed(count: number): void {
    if (count > 0) this.failed.inc(count);
  }

  /** For the exchange: one batch pushed or pulled (`sent`) or arriving in the inbox (`received`). */
  exchangeBatch(direction: ExchangeDirection, outcome: ExchangeOutcome, objects = 0): void {
    this.exchangeBatches.labels(direction, outcome).inc();
    if (outcome === 'accepted' && objects > 0) this.exchangeObjects.labels(direction).inc(objects);
  }

  /** A push delivered under a receipt that did not echo our audit head (CONTRACT §7 makes `witness` optional). */
  exchangeUnwitnessed(): void {
    this.unwitnessed.inc();
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.http.labels(route, method, statusClass(status)).observe(seconds);
  }

  lookup(status: number, seconds: number): void {
    this.lookups.labels(statusClass(status)).observe(seconds);
  }

  job(queue: string, name: string, outcome: JobOutcome, seconds: number, waitSeconds?: number): void {
    this.jobs.labels(queue, name, outcome).observe(Math.max(0, seconds));
    if (waitSeconds !== undefined) this.jobWait.labels(queue).observe(Math.max(0, waitSeconds));
  }

  /** The Prometheus text exposition of everything in this registry. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
