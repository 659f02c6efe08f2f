import { AppError, ErrorDetail, TaxiiErrorCode } from '@scamintel/common';

/** Errors of the TAXII routes; their statuses are in libs/common/src/error-status.ts. */
export class TaxiiError extends AppError<TaxiiErrorCode> {
  readonly domain = 'taxii';
  constructor(code: TaxiiErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
