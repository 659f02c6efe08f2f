import { AppError, ErrorDetail } from './app-error';

export type RequestErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'payload_too_large'
  | 'not_found'
  | 'rate_limited'
  | 'idempotency_conflict'
  | 'unprocessable';

/** Errors about the shape of a request, raised by the HTTP edge (pipes, parsers, guards). */
export class RequestError extends AppError<RequestErrorCode> {
  readonly domain = 'request';
  constructor(code: RequestErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}

export type AuthErrorCode = 'unauthenticated' | 'forbidden';

export class AuthError extends AppError<AuthErrorCode> {
  readonly domain = 'auth';
}

export type ServiceErrorCode = 'database_unavailable' | 'internal';

export class ServiceError extends AppError<ServiceErrorCode> {
  readonly domain = 'service';
}
