import { checkProfile } from './profile';

describe('checkProfile', () => {
  it('accepts a bank with its codes and a jurisdiction', () => {
    const r = checkProfile('reporter', { sector: 'bank', bankCodes: ['7171', '7171', '004'], jurisdiction: 'SG' });
    expect(r.problems).toEqual([]);
    expect(r.profile).toEqual({ sector: 'bank', bankCodes: ['004', '7171'], platforms: [], jurisdiction: 'SG' });
  });

  it('accepts a platform with names and hosted domains, lower-cased', () => {
    const r = checkProfile('reporter', { sector: 'platform', platforms: ['Telegram', 'pages.dev'] });
    expect(r.problems).toEqual([]);
    expect(r.profile.platforms).toEqual(['pages.dev', 'telegram']);
  });

  it('an empty profile is no profile', () => {
    expect(checkProfile('reporter', {})).toEqual({
      profile: { sector: null, bankCodes: [], platforms: [], jurisdiction: null },
      problems: [],
    });
  });

  it.each([
    [{ sector: 'casino' }, 'sector'],
    [{ sector: 'bank', bankCodes: ['71a1'] }, 'bankCodes'],
    [{ sector: 'bank', bankCodes: ['12345'] }, 'bankCodes'],
    [{ sector: 'telco', bankCodes: ['7171'] }, 'bankCodes'],
    [{ sector: 'bank', platforms: ['telegram'] }, 'platforms'],
    [{ sector: 'platform', platforms: ['not a name'] }, 'platforms'],
    [{ jurisdiction: 'sg' }, 'jurisdiction'],
    [{ jurisdiction: 'SGP' }, 'jurisdiction'],
  ])('refuses %j at %s', (input, path) => {
    expect(checkProfile('reporter', input).problems.map((p) => p.path)).toContain(path);
  });

  it.each(['analyst', 'partner', 'admin'] as const)('refuses a profile on a %s key', (role) => {
    expect(checkProfile(role, { sector: 'bank' }).problems).toEqual([
      { path: 'sector', message: `only reporter keys carry an organisation profile (role is ${role})` },
    ]);
    expect(checkProfile(role, {}).problems).toEqual([]);
  });
});
