/**
 * Error codes are part of the public contract (the API returns them to callers).
 * Beyond the list in the brief:
 *  - `invalid_region`: `opts.region` is not an ISO alpha-2 code that libphonenumber knows.
 *  - `official_short_code`: an emergency or service short code (999, 112, 1332 …); not a phone number, but
 *    `warninglistHit(raw, { region })` names the official list it is on.
 */
export type IndicatorErrorCode =
  | 'not_an_indicator'
  | 'invalid_phone_for_region'
  | 'bad_checksum'
  | 'unsupported_type'
  | 'invalid_url'
  | 'invalid_domain'
  | 'invalid_email'
  | 'invalid_ip'
  | 'invalid_bank_account'
  | 'invalid_wallet'
  | 'invalid_handle'
  | 'too_long'
  | 'invalid_region'
  | 'official_short_code';

export class IndicatorError extends Error {
  readonly code: IndicatorErrorCode;
  constructor(code: IndicatorErrorCode, message: string) {
    super(message);
    this.name = 'IndicatorError';
    this.code = code;
  }
}

/**
 * Normalisers return a Failure instead of throwing: most rejected values in a report
 * stream go through tryNormalize, and building an Error (stack capture) for each one
 * costs more than the normalisation itself.
 */
export class Failure {
  constructor(
    readonly code: IndicatorErrorCode,
    readonly reason: string,
  ) {}
}

export function fail(code: IndicatorErrorCode, reason: string): Failure {
  return new Failure(code, reason);
}
