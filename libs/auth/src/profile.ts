import { BANK_CODE, OrgProfile, PLATFORM_NAME, Role, Sector, isSector } from '@scamintel/vocabulary';

export interface ProfileInput {
  sector?: string;
  bankCodes?: string[];
  platforms?: string[];
  jurisdiction?: string;
}

/**
 * Checks an organisation profile and returns it in stored form, or every problem with its path. Profiles belong to
 * reporter keys (the community's organisations); bank codes only to banks and platforms only to platforms, since
 * they decide which actions an organisation is sent.
 */
export function checkProfile(role: Role, input: ProfileInput): { profile: OrgProfile; problems: { path: string; message: string }[] } {
  const problems: { path: string; message: string }[] = [];
  const given = (['sector', 'bankCodes', 'platforms', 'jurisdiction'] as const).filter((k) => input[k] !== undefined);
  if (role !== 'reporter' && given.length) {
    for (const k of given) problems.push({ path: k, message: `only reporter keys carry an organisation profile (role is ${role})` });
    return { profile: { sector: null, bankCodes: [], platforms: [], jurisdiction: null }, problems };
  }
  const sector: Sector | null = input.sector === undefined ? null : isSector(input.sector) ? input.sector : null;
  if (input.sector !== undefined && !sector)
    problems.push({ path: 'sector', message: 'must be one of bank, telco, platform, government, ngo, other' });
  const bankCodes = [...new Set(input.bankCodes ?? [])].sort();
  bankCodes.forEach((c) => {
    if (typeof c !== 'string' || !BANK_CODE.test(c))
      problems.push({ path: 'bankCodes', message: `${JSON.stringify(c)} is not a bank code (3 or 4 digits, e.g. 7171 or 004)` });
  });
  if (bankCodes.length && sector !== 'bank') problems.push({ path: 'bankCodes', message: 'only a key of sector bank has bank codes' });
  const platforms = [...new Set((input.platforms ?? []).map((p) => (typeof p === 'string' ? p.trim().toLowerCase() : p)))].sort();
  platforms.forEach((p) => {
    if (typeof p !== 'string' || !PLATFORM_NAME.test(p))
      problems.push({
        path: 'platforms',
        message: `${JSON.stringify(p)} is not a platform name (e.g. telegram) or a domain (e.g. pages.dev)`,
      });
  });
  if (platforms.length && sector !== 'platform')
    problems.push({ path: 'platforms', message: 'only a key of sector platform has platforms' });
  const jurisdiction = input.jurisdiction ?? null;
  if (jurisdiction !== null && !/^[A-Z]{2}$/.test(jurisdiction))
    problems.push({ path: 'jurisdiction', message: 'must be an ISO 3166-1 alpha-2 code in upper case' });
  return { profile: { sector, bankCodes, platforms, jurisdiction }, problems };
}
