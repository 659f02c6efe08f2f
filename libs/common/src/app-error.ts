import type { ErrorCode } from './error-codes';

/**
 * Base of the per-domain exception types. Each domain declares its own subclass with its own codes; the mapping
 * from codes to HTTP statuses lives in one place (error-status.ts), never in the domain.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export abstract class AppError<C extends ErrorCode = ErrorCode> extends Error {
  abstract readonly domain: string;
  constructor(
    readonly code: C,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra response headers, e.g. Retry-After for rate limits. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
