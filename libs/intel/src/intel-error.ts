import { AppError } from '@scamintel/common';

export type IntelErrorCode = 'not_found' | 'validation_failed';

export class IntelError extends AppError<IntelErrorCode> {
  readonly domain = 'intel';
}
