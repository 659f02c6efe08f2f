import { EMPTY_PROFILE, type OrgProfile } from '@scamintel/vocabulary';
import { Organisation, route } from './routing';

const org = (organisation: string, profile: Partial<OrgProfile>): Organisation => ({
  organisation,
  profile: { ...EMPTY_PROFILE, ...profile },
});
const ORGS = [
  org('DBS Bank', { sector: 'bank', bankCodes: ['7171'], jurisdiction: 'SG' }),
  org('OCBC', { sector: 'bank', bankCodes: ['7339'], jurisdiction: 'SG' }),
  org('KB Kookmin', { sector: 'bank', bankCodes: ['004'], jurisdiction: 'KR' }),
  org('Singtel', { sector: 'telco', jurisdiction: 'SG' }),
  org('StarHub', { sector: 'telco', jurisdiction: 'SG' }),
  org('SK Telecom', { sector: 'telco', jurisdiction: 'KR' }),
  org('Telegram', { sector: 'platform', platforms: ['telegram', 't.me'] }),
  org('Cloudflare', { sector: 'platform', platforms: ['pages.dev'] }),
  org('Citizen app', { sector: 'ngo' }),
];

describe('route by organisation profile', () => {
  it('a bank account goes to the bank owning its bank code in its country, and no other bank', () => {
    expect(route('freeze_account', { type: 'bank_account', value: 'SG:7171:1234567890' }, ORGS)).toEqual({
      ok: true,
      assignees: ['DBS Bank'],
      why: 'bank code 7171 in SG',
    });
    expect(route('restrict', { type: 'bank_account', value: 'KR:004:12345678901234' }, ORGS)).toMatchObject({ assignees: ['KB Kookmin'] });
    // 7171 is DBS in Singapore; the same digits in Korea are nobody's here.
    expect(route('freeze_account', { type: 'bank_account', value: 'KR:7171:12345678901' }, ORGS)).toMatchObject({ ok: false });
    expect(route('freeze_account', { type: 'bank_account', value: 'SG::1234567890' }, ORGS)).toMatchObject({ ok: false });
    expect(route('freeze_account', { type: 'bank_account', value: 'IBAN:GB82WEST12345698765432' }, ORGS)).toMatchObject({ ok: false });
  });

  it('a bank without a stated jurisdiction answers for its code anywhere', () => {
    const orgs = [org('Global Bank', { sector: 'bank', bankCodes: ['7171'] })];
    expect(route('freeze_account', { type: 'bank_account', value: 'SG:7171:1234567890' }, orgs)).toMatchObject({
      assignees: ['Global Bank'],
    });
  });

  it("a phone goes to every telco of the number's country", () => {
    expect(route('block_number', { type: 'phone', value: '+6581234567' }, ORGS)).toEqual({
      ok: true,
      assignees: ['Singtel', 'StarHub'],
      why: 'telcos of SG',
    });
    expect(route('block_number', { type: 'phone', value: '+821012345678' }, ORGS)).toMatchObject({ assignees: ['SK Telecom'] });
    expect(route('block_number', { type: 'phone', value: '+81312345678' }, ORGS)).toMatchObject({ ok: false });
  });

  it('a handle goes to its platform; a URL or domain to the platform hosting it, else the analyst chooses', () => {
    expect(route('takedown', { type: 'social_handle', value: 'telegram:dbs_helpdesk' }, ORGS)).toMatchObject({ assignees: ['Telegram'] });
    expect(route('takedown', { type: 'social_handle', value: 'line:dbs' }, ORGS)).toMatchObject({ ok: false });
    expect(route('takedown', { type: 'url', value: 'https://dbs-login.pages.dev/x' }, ORGS)).toMatchObject({ assignees: ['Cloudflare'] });
    expect(route('takedown', { type: 'domain', value: 'dbs-login.pages.dev' }, ORGS)).toMatchObject({ assignees: ['Cloudflare'] });
    expect(route('takedown', { type: 'url', value: 'https://t.me/dbs_helpdesk' }, ORGS)).toMatchObject({ assignees: ['Telegram'] });
    const none = route('takedown', { type: 'domain', value: 'dbs-secure.top' }, ORGS);
    expect(none).toEqual({ ok: false, reason: 'no platform answers for dbs-secure.top; name the assignee' });
  });

  it('organisations without the sector are never routed to', () => {
    const orgs = [org('Impostor', { sector: 'ngo', bankCodes: [], jurisdiction: 'SG' })];
    expect(route('block_number', { type: 'phone', value: '+6581234567' }, orgs)).toMatchObject({ ok: false });
  });
});
