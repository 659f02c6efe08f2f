export type Role = 'reporter' | 'analyst' | 'partner' | 'admin';
export type Trust = 'anonymous' | 'low' | 'medium' | 'high';
export const ROLES: readonly Role[] = ['reporter', 'analyst', 'partner', 'admin'];
export const KEYED_TRUST: readonly Exclude<Trust, 'anonymous'>[] = ['low', 'medium', 'high'];

/** Who is calling: a keyed organisation, or the public identified only by its (hashed) client address. */
export type Principal =
  | { kind: 'key'; keyId: string; role: Role; organisation: string; trust: Trust; partnerNodeId?: string }
  | { kind: 'public'; clientAddress: string };
