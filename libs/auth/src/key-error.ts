import { AppError, KeyErrorCode } from '@scamintel/common';

export class KeyError extends AppError<KeyErrorCode> {
  readonly domain = 'keys';
}
