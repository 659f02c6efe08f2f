import type { OrgProfile, Role, Trust } from '@scamintel/vocabulary';

/** Who is calling: a keyed organisation, or the public identified only by its (hashed) client address. */
export type Principal =
  | { kind: 'key'; keyId: string; role: Role; organisation: string; trust: Trust; partnerNodeId?: string; profile?: OrgProfile }
  | { kind: 'public'; clientAddress: string };
