import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsService } from './metrics.service';

/** Requests that matched no route share one label value, so scanners cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';
const LOOKUP_ROUTE = '/v1/lookup';

/**
 * Times every request with Fastify's own clock (`reply.elapsedTime`, from the arrival of the request to the
 * last byte written) and labels it with the route template (`/v1/reports/:id`, never the concrete URL).
 * Call before the application is initialised, so the hook applies to every route.
 */
export function installHttpMetrics(app: INestApplication): void {
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions?.url ?? UNMATCHED_ROUTE;
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequest(route, req.method, reply.statusCode, seconds);
    if (route === LOOKUP_ROUTE) metrics.lookup(reply.statusCode, seconds);
    done();
  });
}
