/** Roles of API keys (CONTRACT §3). Roles do not nest: an admin key is not an analyst key. */
export const ROLES = ['reporter', 'analyst', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How far a reporter is trusted, least first; the public reports as `anonymous`. */
export const TRUST_ORDER = ['anonymous', 'low', 'medium', 'high'] as const;
export type Trust = (typeof TRUST_ORDER)[number];
export type KeyedTrust = Exclude<Trust, 'anonymous'>;
export const KEYED_TRUST: readonly KeyedTrust[] = ['low', 'medium', 'high'];

export const atLeastTrust = (t: Trust, min: Trust): boolean => TRUST_ORDER.indexOf(t) >= TRUST_ORDER.indexOf(min);
