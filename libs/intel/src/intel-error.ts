import { AppError, IntelErrorCode } from '@scamintel/common';

export class IntelError extends AppError<IntelErrorCode> {
  readonly domain = 'intel';
}
