import { HttpException } from '@nestjs/common';
import { AppError, ErrorDetail, statusForCode } from '@scamintel/common';
import { isDatabaseUnavailable } from '@scamintel/vocabulary';

/** The TAXII 2.1 error message resource (§3.6.1). */
export interface TaxiiErrorResource {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, string>;
}

export interface MappedError {
  status: number;
  code: string;
  message: string;
  details: ErrorDetail[];
  headers: Record<string, string>;
}

/** What a TAXII client is told on 401: HTTP Basic with the API key as password (Bearer works too). */
export const TAXII_CHALLENGE = 'Basic realm="scamintel"';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};
const CODES: Record<number, string> = {
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

/**
 * Status and public wording of any error on a TAXII route, with the same rules as the API's ErrorFilter
 * (statuses from libs/common/src/error-status.ts; no internals ever leave: stack, SQL, driver messages).
 */
export function mapTaxiiError(err: unknown): MappedError {
  if (err instanceof AppError)
    return {
      status: statusForCode(err.code, err.domain),
      code: err.code,
      message: err.message,
      details: err.details,
      headers: { ...err.headers },
    };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const raw = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? err.message);
    const message = status >= 500 ? 'internal error' : Array.isArray(raw) ? raw.join('; ') : String(raw);
    return { status, code: CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request'), message, details: [], headers: {} };
  }
  if (isDatabaseUnavailable(err))
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'the database is unavailable; retry later',
      details: [],
      headers: { 'Retry-After': '5' },
    };
  const e = err as { statusCode?: number; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      code: CODES[e.statusCode] ?? 'bad_request',
      message: e.message ?? 'bad request',
      details: [],
      headers: {},
    };
  }
  return { status: 500, code: 'internal', message: 'internal error', details: [], headers: {} };
}

export function taxiiErrorResource(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details: ErrorDetail[] = [],
): TaxiiErrorResource {
  return {
    title: TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error'),
    description: message,
    error_id: requestId,
    error_code: code,
    http_status: String(status),
    ...(details.length ? { details: Object.fromEntries(details.map((d) => [d.path || '(body)', d.message])) } : {}),
  };
}
