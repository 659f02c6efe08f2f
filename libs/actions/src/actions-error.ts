import { AppError, ErrorDetail } from '@scamintel/common';

export type ActionsErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'not_an_indicator'
  | 'kind_mismatch'
  | 'no_route'
  | 'unknown_assignee'
  | 'unknown_partner'
  | 'illegal_transition'
  | 'not_permitted'
  | 'remote_action'
  | 'conflict'
  | 'queue_unavailable';

/** Errors of disruption actions; statuses come from libs/common/src/error-status.ts. */
export class ActionsError extends AppError<ActionsErrorCode> {
  readonly domain = 'actions';
  constructor(code: ActionsErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(code, message, details, headers);
  }
}
