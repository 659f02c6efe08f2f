import { ArgumentsHost, Catch, ExceptionFilter, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from '@scamintel/common';
import { WebErrorPages } from '@scamintel/web';
import { errorBody } from './error-body';

/** Every error of the API as CONTRACT §4's JSON (or a page, for page routes), statuses from libs/common's one map. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(@Optional() private readonly pages?: WebErrorPages) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const m = mapError(err);
    if (m.status >= 500)
      this.logger.error(`${req.method} ${req.url.split('?')[0]} → ${m.status}: ${(err as Error)?.message ?? err}`, (err as Error)?.stack);
    // Pages answer with the same status as a page in the visitor's language; the API with the JSON of CONTRACT §4.
    if (this.pages?.handles(req)) return this.pages.render(req, reply, m);
    for (const [k, v] of Object.entries(m.headers)) reply.header(k, v);
    reply
      .status(m.status)
      .type('application/json')
      .send(errorBody(m.code, m.message, String(req.id), m.details));
  }
}
