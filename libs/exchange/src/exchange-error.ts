import { AppError, ErrorDetail } from '@scamintel/common';

export type ExchangeErrorCode = 'validation_failed' | 'bad_signature' | 'policy_violation' | 'not_found' | 'conflict' | 'queue_unavailable';

/** Errors of the exchange routes; statuses come from libs/common/src/error-status.ts. */
export class ExchangeError extends AppError<ExchangeErrorCode> {
  readonly domain = 'exchange';
  constructor(code: ExchangeErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
