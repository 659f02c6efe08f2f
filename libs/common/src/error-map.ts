import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { IndicatorError } from '@scamintel/indicators';
import { isDatabaseUnavailable } from '@scamintel/vocabulary';
import { AppError, ErrorDetail } from './app-error';
import type { ErrorCode } from './error-codes';
import { ERROR_STATUS, HttpStatus, codeForStatus, statusForCode } from './error-status';

/** An error as it is answered: status, public code and wording. Internals (stack, SQL, driver messages) never leave. */
export interface MappedError {
  status: HttpStatus | number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
  headers: Record<string, string>;
}

const mapped = (code: ErrorCode, message: string, headers: Record<string, string> = {}): MappedError => ({
  status: ERROR_STATUS[code],
  code,
  message,
  details: [],
  headers,
});

const MALFORMED_JSON = () => mapped('malformed_json', 'the body is not valid JSON');

/** Maps any error to its status and public shape; the API's filter and TAXII's both answer with it. */
export function mapError(err: unknown): MappedError {
  if (err instanceof AppError)
    return { status: statusForCode(err.code), code: err.code, message: err.message, details: err.details, headers: { ...err.headers } };
  if (err instanceof IndicatorError) return mapped(err.code, err.message);
  if (err instanceof ThrottlerException) return mapped('rate_limited', 'too many requests; retry later');
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const raw = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? err.message);
    const message = status >= 500 ? 'internal error' : Array.isArray(raw) ? raw.join('; ') : String(raw);
    if (status === 400 && /not valid JSON|Unexpected (token|end of JSON)/.test(message)) return MALFORMED_JSON();
    return { status, code: codeForStatus(status), message, details: [], headers: {} };
  }
  if (isDatabaseUnavailable(err)) return mapped('database_unavailable', 'the database is unavailable; retry later', { 'Retry-After': '5' });
  const fst = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    // Errors Fastify raises itself before a handler runs: body too large, bad content type, malformed JSON.
    if (
      fst.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fst.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (fst.statusCode === 400 && fst.message?.includes('JSON'))
    )
      return MALFORMED_JSON();
    return { status: fst.statusCode, code: codeForStatus(fst.statusCode), message: fst.message ?? 'bad request', details: [], headers: {} };
  }
  return mapped('internal', 'internal error');
}
