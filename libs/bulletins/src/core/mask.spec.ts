import { maskIndicator, splitCallingCode } from './mask';

describe('maskIndicator, partial style', () => {
  const m = (type: string, value: string) => maskIndicator(type, value, 'partial');

  it('keeps the country code, first four and last two digits, grouped per country', () => {
    expect(m('phone', '+6581234567')).toBe('+65 8123 ••67');
    expect(m('phone', '+821012345678')).toBe('+82 10-12••-••78');
    expect(m('phone', '+82212345678')).toBe('+82 2-123•-••78');
    expect(m('phone', '+60123456789')).toBe('+60 1 234• ••89');
    expect(m('phone', '+14155550123')).toBe('+1 41 55•• ••23');
  });

  it('defangs domains, URLs, emails and IPs', () => {
    expect(m('domain', 'dbs-secure.top')).toBe('dbs-secure[.]top');
    expect(m('url', 'https://dbs-secure.top/login?u=victim@mail.com')).toBe('hxxps://dbs-secure[.]top/…');
    expect(m('url', 'http://user:secret@203.0.113.9:8080/')).toBe('hxxp://203.0.113[.]9:8080');
    expect(m('email', 'alice.tan@evil.com')).toBe('a•••@evil[.]com');
    expect(m('ip', '203.0.113.9')).toBe('203.0.113[.]9');
    expect(m('ip', '2001:db8::1')).toBe('2001[:]db8[:][:]1');
  });

  it('mostly hides accounts, wallets and handles', () => {
    expect(m('bank_account', 'KR:004:12345678901234')).toBe('KR 004 •••1234');
    expect(m('bank_account', 'SG::0123456789')).toBe('SG •••6789');
    expect(m('bank_account', 'IBAN:GB82WEST12345698765432')).toBe('IBAN GB•••5432');
    expect(m('crypto_wallet', '0x52908400098527886e0f7030069857d2e4169ee7')).toBe('0x5290•••9ee7');
    expect(m('crypto_wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe('bc1qar•••5mdq');
    expect(m('social_handle', 'telegram:dbs_helpdesk')).toBe('telegram:dbs•••sk');
    expect(m('social_handle', 'line:abc')).toBe('line:a•••');
  });
});

describe('maskIndicator, defang style', () => {
  const m = (type: string, value: string) => maskIndicator(type, value, 'defang');

  it('shows scammer infrastructure in full but unclickable, query strings never', () => {
    expect(m('phone', '+6581234567')).toBe('+65 8123 4567');
    expect(m('url', 'https://dbs-secure.top/login?u=victim@mail.com#x')).toBe('hxxps://dbs-secure[.]top/login?…');
    expect(m('email', 'alice.tan@evil.com')).toBe('alice.tan@evil[.]com');
    expect(m('social_handle', 'telegram:dbs_helpdesk')).toBe('telegram:dbs_helpdesk');
  });

  it('still hides accounts and wallets', () => {
    expect(m('bank_account', 'KR:004:12345678901234')).toBe('KR 004 •••1234');
    expect(m('crypto_wallet', '0x52908400098527886e0f7030069857d2e4169ee7')).toBe('0x5290•••9ee7');
  });
});

describe('values that are not canonical indicators', () => {
  it.each([
    ['phone', 'Tan Ah Kow, called me on Monday'],
    ['phone', '81234567'],
    ['domain', 'my neighbour Mrs Lee'],
    ['url', 'javascript:alert(1)'],
    ['url', 'https://exa mple.com/'],
    ['email', 'Jane Doe <jane@evil.com>'],
    ['ip', '999.1.1.1'],
    ['bank_account', 'Kim Min-jun account 1234'],
    ['crypto_wallet', '0xNOTHEX'],
    ['social_handle', 'myspace:someone'],
    ['narrative', 'He said he was from the police'],
  ])('drops %s %j', (type, value) => {
    expect(maskIndicator(type, value, 'partial')).toBeNull();
    expect(maskIndicator(type, value, 'defang')).toBeNull();
  });

  it('splits E.164 calling codes of one, two and three digits', () => {
    expect(splitCallingCode('+14155550123')).toEqual({ cc: '1', national: '4155550123' });
    expect(splitCallingCode('+6581234567')).toEqual({ cc: '65', national: '81234567' });
    expect(splitCallingCode('+85291234567')).toEqual({ cc: '852', national: '91234567' });
  });
});
