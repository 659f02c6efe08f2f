import type { FastifyRequest } from 'fastify';
import { IncomingRequest } from '../inbound/signed-request.service';

/** Set by apps/api/src/http/fastify-setup.ts on the routes that verify a Content-Digest. */
export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * The request as the caller addressed it: scheme and Host as received (behind a proxy, the forwarded ones when
 * the proxy is trusted via TRUSTED_PROXIES), path and query as sent. This is what the caller signed as @target-uri.
 */
export function incoming(req: RawBodyRequest): IncomingRequest {
  return { method: req.method, targetUri: `${req.protocol}://${req.host}${req.url}`, headers: req.headers, body: req.rawBody, ip: req.ip };
}
