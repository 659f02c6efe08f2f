/**
 * Organisation profiles of reporter keys (CONTRACT §12): which sector a key's organisation is in and what it
 * answers for. The profile routes disruption actions and is the default filter of its webhooks.
 */
export const SECTORS = ['bank', 'telco', 'platform', 'government', 'ngo', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const isSector = (v: unknown): v is Sector => (SECTORS as readonly unknown[]).includes(v);

/** A clearing bank code as it appears in canonical bank accounts (`KR:004:…`, `SG:7171:…`). */
export const BANK_CODE = /^[0-9]{3,4}$/;
/** A platform a key answers for: a social platform name (`telegram`) or a registrable domain it hosts (`pages.dev`). */
export const PLATFORM_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export interface OrgProfile {
  sector: Sector | null;
  bankCodes: string[];
  platforms: string[];
  /** ISO 3166-1 alpha-2 where the organisation operates; null = not stated. */
  jurisdiction: string | null;
}

export const EMPTY_PROFILE: OrgProfile = { sector: null, bankCodes: [], platforms: [], jurisdiction: null };
