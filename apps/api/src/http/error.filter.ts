import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorDetail, statusForCode } from '@scamintel/common';
import { IndicatorError } from '@scamintel/indicators';
import { WebErrorPages } from '@scamintel/web';
import { errorBody } from './error-body';
import { isDatabaseUnavailable } from '@scamintel/vocabulary';

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

/** Maps any error to its status and public shape. Internals (stack, SQL, driver messages) never leave. */
export function mapError(err: unknown): Mapped {
  if (err instanceof AppError)
    return {
      status: statusForCode(err.code, err.domain),
      code: err.code,
      message: err.message,
      details: err.details,
      headers: err.headers,
    };
  if (err instanceof IndicatorError) return { status: 422, code: err.code, message: err.message };
  if (err instanceof ThrottlerException) return { status: 429, code: 'rate_limited', message: 'too many requests; retry later' };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    const res = err.getResponse();
    const message =
      status >= 500 ? 'internal error' : typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? err.message);
    if (status === 400 && /not valid JSON|Unexpected (token|end of JSON)/.test(message))
      return { status, code: 'malformed_json', message: 'the body is not valid JSON' };
    return { status, code, message: Array.isArray(message) ? message.join('; ') : message };
  }
  if (isDatabaseUnavailable(err))
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'the database is unavailable; retry later',
      headers: { 'Retry-After': '5' },
    };
  const fst = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    // Errors Fastify raises itself before a handler runs: body too large, bad content type, malformed JSON.
    if (
      fst.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fst.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (fst.statusCode === 400 && fst.message?.includes('JSON'))
    ) {
      return { status: 400, code: 'malformed_json', message: 'the body is not valid JSON' };
    }
    return { status: fst.statusCode, code: HTTP_CODES[fst.statusCode] ?? 'bad_request', message: fst.message ?? 'bad request' };
  }
  return { status: 500, code: 'internal', message: 'internal error' };
}

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
    for (const [k, v] of Object.entries(m.headers ?? {})) reply.header(k, v);
    reply
      .status(m.status)
      .type('application/json')
      .send(errorBody(m.code, m.message, String(req.id), m.details));
  }
}
