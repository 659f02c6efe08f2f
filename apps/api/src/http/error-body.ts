import { ErrorDetail } from '@scamintel/common';

/** CONTRACT §4: every error is `{"error":{"code","message","details"?},"requestId"}`. */
export function errorBody(code: string, message: string, requestId: string, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details && details.length ? { details } : {}) }, requestId };
}
