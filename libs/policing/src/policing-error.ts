import { AppError } from '@scamintel/common';

export type PolicingErrorCode = 'not_found' | 'invalid_state' | 'validation_failed' | 'not_an_indicator';

export class PolicingError extends AppError<PolicingErrorCode> {
  readonly domain = 'policing';
}
