import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TAXII_MEDIA_TYPE } from '../media-types';
import { mapError } from '@scamintel/common';
import { TAXII_CHALLENGE, taxiiErrorResource } from './taxii-errors';

/**
 * Scoped to the TAXII controller (@UseFilters): every error raised by the guards, pipes and handlers of a TAXII
 * route is answered as a TAXII error message resource with the TAXII media type instead of the contract's JSON
 * error shape. A 401 challenges with HTTP Basic (TAXII clients send the key as the Basic password).
 */
@Catch()
export class TaxiiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('TaxiiError');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const m = mapError(err);
    if (m.status >= 500)
      this.logger.error(`${req.method} ${req.url.split('?')[0]} → ${m.status}: ${(err as Error)?.message ?? err}`, (err as Error)?.stack);
    for (const [k, v] of Object.entries(m.headers)) if (k.toLowerCase() !== 'www-authenticate') reply.header(k, v);
    if (m.status === 401) reply.header('WWW-Authenticate', TAXII_CHALLENGE);
    const body = taxiiErrorResource(m.status, m.code, m.message, String(req.id), m.details);
    // A Buffer keeps the Content-Type exactly as written (Fastify would append a charset to a string body).
    reply
      .status(m.status)
      .header('Content-Type', TAXII_MEDIA_TYPE)
      .send(Buffer.from(JSON.stringify(body), 'utf8'));
  }
}
