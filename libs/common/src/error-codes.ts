import type { IndicatorErrorCode } from '@scamintel/indicators';

/**
 * Every error code the system answers with, per feature. Each feature's exception type takes its own union;
 * ERROR_STATUS (error-status.ts) must map every member of ErrorCode, so a new code fails the build until it has
 * its status.
 */
export type RequestErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'payload_too_large'
  | 'not_found'
  | 'rate_limited'
  | 'idempotency_conflict'
  | 'unprocessable';
export type AuthErrorCode = 'unauthenticated' | 'forbidden';
export type ServiceErrorCode = 'database_unavailable' | 'internal';
/** What errors raised outside any feature (Nest's HttpException, Fastify's own) are answered with. */
export type HttpEdgeErrorCode = 'bad_request' | 'method_not_allowed' | 'conflict';

export type ReportErrorCode = 'validation_failed' | 'not_found' | 'idempotency_conflict';
export type IntelErrorCode = 'not_found' | 'validation_failed';
export type KeyErrorCode = 'validation_failed' | 'not_found';
export type PolicingErrorCode = 'not_found' | 'invalid_state' | 'validation_failed' | 'not_an_indicator';
export type ExchangeErrorCode = 'validation_failed' | 'bad_signature' | 'policy_violation' | 'not_found' | 'conflict' | 'queue_unavailable';
export type BulletinErrorCode = 'validation_failed' | 'not_found' | 'invalid_state' | 'queue_unavailable';
export type TaxiiErrorCode =
  'validation_failed' | 'forbidden' | 'not_found' | 'not_acceptable' | 'unsupported_media_type' | 'payload_too_large';
export type WebErrorCode = 'unauthenticated' | 'forbidden' | 'not_found' | 'validation_failed';
export type WebhooksErrorCode = 'validation_failed' | 'invalid_target' | 'not_found';
export type OpsErrorCode = 'not_found' | 'queue_unavailable' | 'forbidden';
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

export type ErrorCode =
  | RequestErrorCode
  | AuthErrorCode
  | ServiceErrorCode
  | HttpEdgeErrorCode
  | ReportErrorCode
  | IntelErrorCode
  | KeyErrorCode
  | PolicingErrorCode
  | ExchangeErrorCode
  | BulletinErrorCode
  | TaxiiErrorCode
  | WebErrorCode
  | WebhooksErrorCode
  | OpsErrorCode
  | ActionsErrorCode
  | IndicatorErrorCode;
