import { AppError, BulletinErrorCode } from '@scamintel/common';

/** Codes are mapped to statuses in libs/common/src/error-status.ts: 400, 404, 409, 503. */
export class BulletinError extends AppError<BulletinErrorCode> {
  readonly domain = 'bulletins';
}
