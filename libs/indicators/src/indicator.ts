export type IndicatorType = 'phone' | 'url' | 'domain' | 'email' | 'ip' | 'bank_account' | 'crypto_wallet' | 'social_handle';

export const INDICATOR_TYPES: readonly IndicatorType[] = Object.freeze([
  'phone',
  'url',
  'domain',
  'email',
  'ip',
  'bank_account',
  'crypto_wallet',
  'social_handle',
] as const);

export interface NormalizedIndicator {
  type: IndicatorType;
  value: string;
  fingerprint: string;
  attributes: Record<string, unknown>;
}

export interface NormalizeOptions {
  type?: IndicatorType;
  /** ISO 3166-1 alpha-2; decides how national phone numbers and bare account numbers are read. Default 'SG'. */
  region?: string;
}

export const DEFAULT_REGION = 'SG';

export function isIndicatorType(x: unknown): x is IndicatorType {
  return typeof x === 'string' && (INDICATOR_TYPES as readonly string[]).includes(x);
}
