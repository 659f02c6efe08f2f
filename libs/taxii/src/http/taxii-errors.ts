import { ErrorDetail, HttpStatus } from '@scamintel/common';

/**
 * The TAXII 2.1 error message resource (§3.6.1). Status and code come from libs/common's one error map (mapError),
 * like the API's; only the wording of the resource is TAXII's.
 */
export interface TaxiiErrorResource {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, string>;
}

/** What a TAXII client is told on 401: HTTP Basic with the API key as password (Bearer works too). */
export const TAXII_CHALLENGE = 'Basic realm="scamintel"';

const TITLES = {
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
} satisfies Record<HttpStatus, string>;

export function taxiiErrorResource(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details: ErrorDetail[] = [],
): TaxiiErrorResource {
  return {
    title: TITLES[status as HttpStatus] ?? (status >= 500 ? 'Server error' : 'Request error'),
    description: message,
    error_id: requestId,
    error_code: code,
    http_status: String(status),
    ...(details.length ? { details: Object.fromEntries(details.map((d) => [d.path || '(body)', d.message])) } : {}),
  };
}
