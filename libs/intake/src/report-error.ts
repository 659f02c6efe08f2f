import { AppError, ReportErrorCode } from '@scamintel/common';

export class ReportError extends AppError<ReportErrorCode> {
  readonly domain = 'reports';
}
