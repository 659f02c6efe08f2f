import { AppError } from '@scamintel/common';

/** Codes are mapped to statuses in libs/common/src/error-status.ts: 400, 404, 409, 503. */
export type BulletinErrorCode = 'validation_failed' | 'not_found' | 'invalid_state' | 'queue_unavailable';

export class BulletinError extends AppError<BulletinErrorCode> {
  readonly domain = 'bulletins';
}
