import { AppError, ErrorDetail } from '@scamintel/common';

export type TaxiiErrorCode =
  'validation_failed' | 'forbidden' | 'not_found' | 'not_acceptable' | 'unsupported_media_type' | 'payload_too_large';

/** Errors of the TAXII routes; statuses come from libs/common/src/error-status.ts like every domain's. */
export class TaxiiError extends AppError<TaxiiErrorCode> {
  readonly domain = 'taxii';
  constructor(code: TaxiiErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
