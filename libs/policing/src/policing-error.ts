import { AppError, PolicingErrorCode } from '@scamintel/common';

export class PolicingError extends AppError<PolicingErrorCode> {
  readonly domain = 'policing';
}
