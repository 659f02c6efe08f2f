import { AppError, ErrorDetail } from './app-error';
import type { AuthErrorCode, RequestErrorCode, ServiceErrorCode } from './error-codes';

/** Errors about the shape of a request, raised by the HTTP edge (pipes, parsers, guards). */
export class RequestError extends AppError<RequestErrorCode> {
  readonly domain = 'request';
  constructor(code: RequestErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}

export class AuthError extends AppError<AuthErrorCode> {
  readonly domain = 'auth';
}

export class ServiceError extends AppError<ServiceErrorCode> {
  readonly domain = 'service';
}
