import { AppError, ErrorDetail, ActionsErrorCode } from '@scamintel/common';

/** Errors of disruption actions; their statuses are in libs/common/src/error-status.ts. */
export class ActionsError extends AppError<ActionsErrorCode> {
  readonly domain = 'actions';
  constructor(code: ActionsErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
