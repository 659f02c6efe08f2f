import { AppError, ErrorDetail, ExchangeErrorCode } from '@scamintel/common';

/** Errors of the exchange routes; their statuses are in libs/common/src/error-status.ts. */
export class ExchangeError extends AppError<ExchangeErrorCode> {
  readonly domain = 'exchange';
  constructor(code: ExchangeErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
