import { AppError } from '@scamintel/common';

export type KeyErrorCode = 'validation_failed' | 'not_found';

export class KeyError extends AppError<KeyErrorCode> {
  readonly domain = 'keys';
}
