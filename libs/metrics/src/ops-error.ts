import { AppError, OpsErrorCode } from '@scamintel/common';

/** Errors of the operations surface (metrics, queue dashboard). */
export class OpsError extends AppError<OpsErrorCode> {
  readonly domain = 'ops';
}
