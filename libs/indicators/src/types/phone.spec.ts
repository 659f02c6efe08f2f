import { extract, normalize, tryNormalize } from '../index';

const phone = (raw: string, region: string) => normalize(raw, { type: 'phone', region });

describe('phone: Korean formats (region KR)', () => {
  it.each([
    ['010-1234-5678', '+821012345678', 'MOBILE'],
    ['010 1234 5678', '+821012345678', 'MOBILE'],
    ['01012345678', '+821012345678', 'MOBILE'],
    ['010.1234.5678', '+821012345678', 'MOBILE'],
    ['(010) 1234-5678', '+821012345678', 'MOBILE'],
    ['０１０－１２３４－５６７８', '+821012345678', 'MOBILE'], // full-width digits and hyphens
    ['010‐1234‐5678', '+821012345678', 'MOBILE'], // U+2010 hyphens
    ['tel:010-1234-5678', '+821012345678', 'MOBILE'],
    ['+82 10-1234-5678', '+821012345678', 'MOBILE'],
    ['+82 (0)10 1234 5678', '+821012345678', 'MOBILE'],
    ['0082 10 1234 5678', '+821012345678', 'MOBILE'],
    ['001-82-10-1234-5678', '+821012345678', 'MOBILE'],
    ['02-123-4567', '+8221234567', 'FIXED_LINE'], // Seoul
    ['(02) 1234-5678', '+82212345678', 'FIXED_LINE'],
    ['031-123-4567', '+82311234567', 'FIXED_LINE'], // Gyeonggi
    ['051-123-4567', '+82511234567', 'FIXED_LINE'], // Busan
    ['070-1234-5678', '+827012345678', 'VOIP'],
    // 15xx/16xx/18xx national numbers: 8 digits, no area code; libphonenumber calls them UAN.
    ['1588-1234', '+8215881234', 'UAN'],
    ['1577-8000', '+8215778000', 'UAN'],
    ['1644-1234', '+8216441234', 'UAN'],
    ['1800-1234', '+8218001234', 'UAN'],
    ['080-123-4567', '+82801234567', 'TOLL_FREE'],
  ])('%s -> %s (%s)', (input, e164, type) => {
    const r = phone(input, 'KR');
    expect(r.value).toBe(e164);
    expect(r.attributes).toEqual({ region: 'KR', numberType: type });
  });
});

describe('phone: Singaporean formats (region SG)', () => {
  it.each([
    ['9123 4567', '+6591234567', 'MOBILE'],
    ['8123-4567', '+6581234567', 'MOBILE'],
    ['+65 9123 4567', '+6591234567', 'MOBILE'],
    ['(+65) 9123-4567', '+6591234567', 'MOBILE'],
    ['6123 4567', '+6561234567', 'FIXED_LINE'],
    ['3123 4567', '+6531234567', 'VOIP'],
    ['1800 111 1111', '+6518001111111', 'TOLL_FREE'],
    ['1800-255-0000', '+6518002550000', 'TOLL_FREE'],
    ['wa.me/6591234567', '+6591234567', 'MOBILE'],
    ['https://api.whatsapp.com/send?phone=6591234567&text=hi', '+6591234567', 'MOBILE'],
  ])('%s -> %s (%s)', (input, e164, type) => {
    const r = phone(input, 'SG');
    expect(r.value).toBe(e164);
    expect(r.attributes).toEqual({ region: 'SG', numberType: type });
  });
});

describe('phone: cross-border identity', () => {
  it('010-1234-5678 reported in Seoul and +82 10 1234 5678 reported in Singapore are one indicator', () => {
    const seoul = normalize('010-1234-5678', { region: 'KR' });
    const singapore = normalize('+82 10 1234 5678', { region: 'SG' });
    expect(seoul.value).toBe('+821012345678');
    expect(singapore.fingerprint).toBe(seoul.fingerprint);
  });

  it('a national number means different things in different regions', () => {
    expect(tryNormalize('010-1234-5678', { region: 'SG' })).toMatchObject({ ok: false, code: 'invalid_phone_for_region' });
    expect(normalize('+65 9123 4567', { region: 'KR' }).attributes.region).toBe('SG');
  });
});

describe('phone: official short codes are not E.164 numbers', () => {
  it.each([
    ['112', 'KR', 'Police emergency'],
    ['119', 'KR', 'Fire and ambulance'],
    ['1332', 'KR', 'Financial Supervisory Service'],
    ['+82 1332', 'SG', 'Financial Supervisory Service'],
    ['999', 'SG', 'Police emergency'],
    ['995', 'SG', 'SCDF'],
    ['1799', 'SG', 'ScamShield'],
    ['+65999', 'KR', 'Police emergency'],
    ['tel:112', 'KR', 'Police emergency'],
    ['1-1-9', 'KR', 'Fire and ambulance'],
    ['１３３２', 'KR', 'Financial Supervisory Service'],
    ['callto:1301', 'KR', 'Prosecution'],
    ['182', 'KR', 'Police civil-service'],
    ['tel:995', 'SG', 'SCDF'],
    ['sms:1799', 'SG', 'ScamShield'],
    ['+65 1777', 'KR', 'non-emergency ambulance'],
  ])('%s in %s is refused, naming the service', (input, region, service) => {
    for (const type of ['phone', undefined] as const) {
      const r = tryNormalize(input, { type, region });
      expect(r).toMatchObject({ ok: false, code: 'official_short_code' });
      expect(!r.ok && r.reason).toContain(service);
    }
  });

  it('a short number that is not listed for the region is simply too short', () => {
    expect(tryNormalize('999', { type: 'phone', region: 'KR' })).toMatchObject({ ok: false, code: 'invalid_phone_for_region' });
    expect(tryNormalize('112', { type: 'phone', region: 'SG' })).toMatchObject({ ok: false, code: 'invalid_phone_for_region' });
    expect(tryNormalize('1234', { type: 'phone', region: 'KR' })).toMatchObject({ ok: false, code: 'invalid_phone_for_region' });
    for (const [input, region] of [
      ['114', 'KR'],
      ['1345', 'KR'],
      ['100', 'SG'],
      ['1800', 'SG'],
      ['1588', 'KR'],
      ['+65 1800', 'KR'],
    ]) {
      expect([input, tryNormalize(input, { region }).ok]).toEqual([input, false]);
    }
  });

  it('extract() finds no short code, listed or not, after a calling word', () => {
    for (const region of ['SG', 'KR']) {
      expect(extract('dial 1777, 1799 or 995; 182, 1301 and 114 too; call 100 or 1800', { region })).toEqual([]);
    }
  });
});

describe('phone: rejections', () => {
  it.each([
    ['010-1234-56', 'KR', 'invalid_phone_for_region'],
    ['1234 5678', 'SG', 'invalid_phone_for_region'],
    ['+82 99 1234 5678', 'SG', 'invalid_phone_for_region'],
    ['12', 'SG', 'not_an_indicator'],
    ['call me', 'SG', 'not_an_indicator'],
    ['010-1234-5678 ext 9', 'KR', 'not_an_indicator'],
    ['123456789012345678', 'KR', 'invalid_phone_for_region'],
  ])('%j in %s -> %s', (input, region, code) => {
    expect(tryNormalize(input, { type: 'phone', region })).toMatchObject({ ok: false, code });
  });

  it('rejects a region libphonenumber does not know', () => {
    expect(tryNormalize('010-1234-5678', { region: 'XX' })).toMatchObject({ ok: false, code: 'invalid_region' });
    expect(normalize('010-1234-5678', { region: 'kr' }).value).toBe('+821012345678');
  });
});
