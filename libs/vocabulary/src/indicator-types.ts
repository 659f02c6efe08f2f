/** The indicator types every node knows (CONTRACT §5); a fingerprint is computed over one of these names. */
export const INDICATOR_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const isIndicatorType = (v: unknown): v is IndicatorType => (INDICATOR_TYPES as readonly unknown[]).includes(v);
