import { AppError } from '@scamintel/common';

export type OpsErrorCode = 'not_found' | 'queue_unavailable' | 'forbidden';

/** Errors of the operations surface (metrics, queue dashboard). */
export class OpsError extends AppError<OpsErrorCode> {
  readonly domain = 'ops';
}
