import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MappedError } from '@scamintel/common';
import { WebRenderer } from '../render/renderer';
import { isHtmlRoute, wantsHtmlNotFound } from './html-route';
import { applySecurityHeaders } from './security-headers';

const KNOWN = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 503]);

/**
 * Errors of page routes as pages: the same status the API would answer (one error map, in libs/common), words from
 * the catalogue. A console request without a session is redirected to the sign-in page instead.
 */
@Injectable()
export class WebErrorPages {
  private readonly logger = new Logger(WebErrorPages.name);

  constructor(private readonly renderer: WebRenderer) {}

  handles(req: FastifyRequest): boolean {
    return isHtmlRoute(req) || wantsHtmlNotFound(req);
  }

  render(req: FastifyRequest, reply: FastifyReply, e: MappedError): void {
    const { Location, ...headers } = e.headers ?? {};
    if (e.status === 401 && Location) return this.renderer.redirect(reply, Location);
    const kind = KNOWN.has(e.status) ? String(e.status) : e.status >= 500 ? '500' : '400';
    const retryAfter = Number(headers['Retry-After']);
    try {
      this.renderer.send(
        req,
        reply,
        'error',
        { kind, code: e.code, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined },
        { status: e.status, headers },
      );
    } catch (err) {
      // A template that cannot render must still leave the visitor a page, never a stack.
      this.logger.error(`error page failed: ${(err as Error).message}`);
      applySecurityHeaders(reply);
      reply.status(e.status).header('Content-Type', 'text/plain; charset=utf-8').send(`Error ${e.status}`);
    }
  }
}
