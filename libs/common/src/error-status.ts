import type { ErrorCode } from './error-codes';

/** The statuses errors are answered with. */
export type ClientErrorStatus = 400 | 401 | 403 | 404 | 405 | 406 | 409 | 413 | 415 | 422 | 429;
export type HttpStatus = ClientErrorStatus | 500 | 503;

/**
 * The one place where error codes of every feature become HTTP statuses: every code must be listed (a missing
 * one fails the build), and only codes (an unknown one fails the build too).
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  invalid_target: 400,
  unauthenticated: 401,
  bad_signature: 401,
  forbidden: 403,
  policy_violation: 403,
  not_permitted: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  invalid_state: 409,
  illegal_transition: 409,
  remote_action: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  idempotency_conflict: 422,
  kind_mismatch: 422,
  no_route: 422,
  unknown_assignee: 422,
  unknown_partner: 422,
  // The indicator normaliser's codes: all are "well-formed but unusable" (CONTRACT §4).
  not_an_indicator: 422,
  invalid_phone_for_region: 422,
  bad_checksum: 422,
  unsupported_type: 422,
  invalid_url: 422,
  invalid_domain: 422,
  invalid_email: 422,
  invalid_ip: 422,
  invalid_bank_account: 422,
  invalid_wallet: 422,
  invalid_handle: 422,
  too_long: 422,
  invalid_region: 422,
  official_short_code: 422,
  rate_limited: 429,
  internal: 500,
  database_unavailable: 503,
  queue_unavailable: 503,
} as const satisfies Record<ErrorCode, HttpStatus>;

/** The code a client error raised outside any feature gets from its status alone (Nest's HttpException, Fastify's own). */
export const CODE_FOR_STATUS = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
} as const satisfies Record<ClientErrorStatus, ErrorCode>;

export function statusForCode(code: ErrorCode): HttpStatus {
  // Typed callers cannot pass an unknown code; a cast one is still answered as a client error, never a crash.
  return ERROR_STATUS[code] ?? 400;
}

/** A status from outside (Fastify, Nest) as one of ours: unknown 4xx are answered as 400, anything else as 500. */
export function codeForStatus(status: number): ErrorCode {
  if (status in CODE_FOR_STATUS) return CODE_FOR_STATUS[status as ClientErrorStatus];
  return status >= 500 ? 'internal' : 'bad_request';
}
