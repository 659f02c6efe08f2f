import { AppError } from '@scamintel/common';

export type ReportErrorCode = 'validation_failed' | 'not_found' | 'idempotency_conflict';

export class ReportError extends AppError<ReportErrorCode> {
  readonly domain = 'reports';
}
