import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ApiErrors } from '@scamintel/common';
import { MetricsService } from './metrics.service';

const METRICS_DOCS = {
  summary: 'Prometheus metrics of this API process.',
  description:
    'Text exposition format 0.0.4: process and Node.js runtime metrics, `scamintel_reports_received_total`, HTTP and lookup latency histograms, ' +
    'exchange batch counters and `scamintel_queue_jobs{queue,state}` read from BullMQ at scrape time. Worker metrics (jobs, processed reports) ' +
    'are served by each worker on `WORKER_METRICS_PORT`. Public unless `METRICS_PUBLIC=false` (then admin key).',
};
const METRICS_TEXT = {
  description: 'Prometheus text.',
  content: {
    'text/plain; version=0.0.4; charset=utf-8': {
      schema: { type: 'string' },
      example:
        '# HELP scamintel_reports_received_total Reports durably accepted …\n# TYPE scamintel_reports_received_total counter\nscamintel_reports_received_total{submitter="key"} 1042\n',
    },
  },
};

/** Documented on both: a document built with METRICS_PUBLIC=true still says what a closed endpoint answers. */
const METRICS_KEYED = {
  401: 'Only with METRICS_PUBLIC=false: missing, unknown or revoked key.',
  403: 'Only with METRICS_PUBLIC=false: a key that is not an admin key.',
};

async function scrape(metrics: MetricsService, res: FastifyReply): Promise<string> {
  const { contentType, body } = await metrics.scrape();
  res.type(contentType);
  return body;
}

/** `GET /metrics` for scrapers without a key (METRICS_PUBLIC=true, the default). */
@Controller('metrics')
@Access('public')
export class PublicMetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition of this API process (and the queue depths of the node). */
  @Get()
  @ApiOperation({ summary: METRICS_DOCS.summary, description: METRICS_DOCS.description })
  @ApiOkResponse(METRICS_TEXT)
  @ApiErrors(METRICS_KEYED)
  @Header('Cache-Control', 'no-store')
  metricsText(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    return scrape(this.metrics, res);
  }
}

/** `GET /metrics` with an admin key (METRICS_PUBLIC=false). */
@Controller('metrics')
@Access('admin')
export class AdminMetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition of this API process (and the queue depths of the node); admin key required. */
  @Get()
  @ApiOperation({ summary: METRICS_DOCS.summary, description: METRICS_DOCS.description })
  @ApiOkResponse(METRICS_TEXT)
  @ApiErrors(METRICS_KEYED)
  @Header('Cache-Control', 'no-store')
  metricsText(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    return scrape(this.metrics, res);
  }
}
