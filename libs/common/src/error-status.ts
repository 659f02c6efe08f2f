/**
 * The one place where error codes of every domain become HTTP statuses. Codes not listed fall back to 400 for
 * client-side domains; the filter turns anything unknown into a 500 without internals.
 */
export const ERROR_STATUS: Record<string, number> = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  bad_signature: 401,
  forbidden: 403,
  policy_violation: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_acceptable: 406,
  unprocessable: 422,
  idempotency_conflict: 422,
  not_an_indicator: 422,
  kind_mismatch: 422,
  no_route: 422,
  unknown_assignee: 422,
  unknown_partner: 422,
  illegal_transition: 409,
  remote_action: 409,
  not_permitted: 403,
  invalid_target: 400,
  bad_gateway: 502,
  rate_limited: 429,
  database_unavailable: 503,
  queue_unavailable: 503,
  internal: 500,
};

/** Codes the indicator normaliser raises: all are "well-formed but unusable" (CONTRACT §4). */
export const UNPROCESSABLE_DEFAULT = 422;

export function statusForCode(code: string, domain: string): number {
  const known = ERROR_STATUS[code];
  if (known !== undefined) return known;
  return domain === 'indicators' ? UNPROCESSABLE_DEFAULT : 400;
}
