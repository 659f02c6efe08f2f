import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Access } from '@scamintel/common';
import { MetricsService } from './metrics.service';

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
  @Header('Cache-Control', 'no-store')
  metricsText(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    return scrape(this.metrics, res);
  }
}
