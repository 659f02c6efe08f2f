import { extract, normalize, tryNormalize } from '../index';

const bank = (raw: string, region = 'KR') => normalize(raw, { type: 'bank_account', region });

describe('bank_account: Korean banks', () => {
  it.each([
    ['국민은행 123-456-789012', 'KR:004:123456789012', 'KB Kookmin Bank'],
    ['KB국민 123456-78-901234', 'KR:004:12345678901234', 'KB Kookmin Bank'],
    ['KB Kookmin 123456789012', 'KR:004:123456789012', 'KB Kookmin Bank'],
    ['KB 123456789012', 'KR:004:123456789012', 'KB Kookmin Bank'],
    ['국민 123456789012', 'KR:004:123456789012', 'KB Kookmin Bank'],
    ['신한은행 110-123-456789', 'KR:088:110123456789', 'Shinhan Bank'],
    ['Shinhan 110123456789', 'KR:088:110123456789', 'Shinhan Bank'],
    ['우리 1002-123-456789', 'KR:020:1002123456789', 'Woori Bank'],
    ['KEB하나 123-456789-01234', 'KR:081:12345678901234', 'Hana Bank'],
    ['하나은행 123-456789-01234', 'KR:081:12345678901234', 'Hana Bank'],
    ['농협 302-1234-5678-91', 'KR:011:3021234567891', 'NongHyup Bank'],
    ['NH 302-1234-5678-91', 'KR:011:3021234567891', 'NongHyup Bank'],
    ['IBK기업은행 123-456789-01-012', 'KR:003:12345678901012', 'IBK Industrial Bank of Korea'],
    ['카카오뱅크 3333-01-1234567', 'KR:090:3333011234567', 'KakaoBank'],
    ['토스뱅크 1000-1234-5678', 'KR:092:100012345678', 'Toss Bank'],
    ['케이뱅크 100-123-456789', 'KR:089:100123456789', 'K Bank'],
    ['SC제일 123-45-678901', 'KR:023:12345678901', 'SC Bank Korea (Standard Chartered)'],
    ['우체국 012345-01-012345', 'KR:071:01234501012345', 'Korea Post (postal savings)'],
    ['새마을금고 9002-1234-5678-9', 'KR:045:9002123456789', 'Korean Federation of Community Credit Cooperatives (MG)'],
    ['계좌: 국민은행 123-456-789012 (예금주 홍길동)'.replace(' (예금주 홍길동)', ''), 'KR:004:123456789012', 'KB Kookmin Bank'],
  ])('%s -> %s', (input, value, name) => {
    const r = bank(input);
    expect(r.value).toBe(value);
    expect(r.attributes).toMatchObject({ country: 'KR', bankName: name });
  });
});

describe('bank_account: Singaporean banks', () => {
  it.each([
    ['DBS 123-45678-9', 'SG:7171:123456789'],
    ['DBS Bank 012-3-456789', 'SG:7171:0123456789'],
    ['bank: POSB, acct 123456789', 'SG:7171:123456789'],
    ['POSB 123-45678-9', 'SG:7171:123456789'],
    ['OCBC 501-123456-001', 'SG:7339:501123456001'],
    ['UOB 123-456-789-0', 'SG:7375:1234567890'],
    ['Standard Chartered 01-2-345678-9', 'SG:9496:0123456789'],
    ['Maybank 04123456789', 'SG:7302:04123456789'],
  ])('%s -> %s (even when reported from KR)', (input, value) => {
    expect(bank(input, 'KR').value).toBe(value);
    expect(bank(input, 'SG').value).toBe(value);
  });

  it('a bank whose code we could not find keeps its name but gets no code', () => {
    const r = bank('GXS Bank 8881234567', 'SG');
    expect(r.value).toBe('SG::8881234567');
    expect(r.attributes).toEqual({ country: 'SG', bankName: 'GXS Bank' });
  });

  it('an alias shared by both countries resolves by region', () => {
    expect(bank('HSBC 123456789012', 'SG').value).toBe('SG:7232:123456789012');
    expect(bank('HSBC 123456789012', 'KR').value).toBe('KR:054:123456789012');
  });
});

describe('bank_account: canonical, unknown bank, IBAN', () => {
  it('a canonical value is accepted as is', () => {
    expect(bank('KR:004:12345678901234').value).toBe('KR:004:12345678901234');
    expect(bank('SG::123456789').value).toBe('SG::123456789');
    expect(bank('KR:999:12345678901').attributes).toEqual({ country: 'KR', bankCode: '999' });
  });

  it('an unknown bank gives <region>::<digits> and keeps what was written', () => {
    const r = bank('Foo Savings 1234567890', 'SG');
    expect(r.value).toBe('SG::1234567890');
    expect(r.attributes.bankNameAsWritten).toBe('Foo Savings');
    expect(bank('계좌 123-456-789012', 'KR').value).toBe('KR::123456789012');
  });

  // IBAN examples: the ECBS/Wikipedia standard examples.
  it.each([
    ['GB82 WEST 1234 5698 7654 32', 'IBAN:GB82WEST12345698765432', 'GB'],
    ['DE89 3704 0044 0532 0130 00', 'IBAN:DE89370400440532013000', 'DE'],
    ['NL91ABNA0417164300', 'IBAN:NL91ABNA0417164300', 'NL'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'IBAN:FR1420041010050500013M02606', 'FR'],
    ['BE68 5390 0754 7034', 'IBAN:BE68539007547034', 'BE'],
    ['iban: gb82west12345698765432', 'IBAN:GB82WEST12345698765432', 'GB'],
  ])('IBAN %s -> %s', (input, value, country) => {
    const r = normalize(input);
    expect(r.type).toBe('bank_account');
    expect(r.value).toBe(value);
    expect(r.attributes.country).toBe(country);
  });

  it.each(['GB82 WEST 1234 5698 7654 33', 'GB82 TEST 1234 5698 7654 32', 'DE89 3704 0044 0532 0130 01'])(
    'IBAN %s fails mod-97',
    (input) => {
      expect(tryNormalize(input, { type: 'bank_account' })).toMatchObject({ ok: false, code: 'bad_checksum' });
    },
  );

  it.each([
    ['국민은행 1234', 'KR'],
    ['DBS 12345', 'SG'],
    ['국민은행 123-456-789012, 신한 110-123-456789', 'KR'],
    ['국민은행', 'KR'],
    ['KR:4:12345678901', 'KR'],
  ])('rejects %j', (input, region) => {
    expect(tryNormalize(input, { type: 'bank_account', region })).toMatchObject({ ok: false, code: 'invalid_bank_account' });
  });
});

describe('bank_account: a value is never re-read as an account of the node country', () => {
  it.each([
    ['ZZ12 3456 7890', 'invalid_bank_account', '"ZZ" is not a country'],
    ['XX 1234567890', 'invalid_bank_account', '"XX" is not a country'],
    ['QQ-1234-5678-90', 'invalid_bank_account', '"QQ" is not a country'],
    ['XX::12345678', 'invalid_bank_account', '"XX" is not a country code'],
    ['ZZ:123:12345678', 'invalid_bank_account', '"ZZ" is not a country code'],
    ['GB00 1234 5678', 'invalid_bank_account', 'length or format'],
    ['GB82 WEST 1234 5698 7654 33', 'bad_checksum', 'mod-97'],
    ['DE89 3704 0044 0532 01', 'invalid_bank_account', 'length or format'],
    ['lorem ipsum 12345678', 'invalid_bank_account', 'names no bank'],
    ['asdf qwer 1234-5678-90', 'invalid_bank_account', 'names no bank'],
    ['hello 123456789', 'invalid_bank_account', 'names no bank'],
    ['AA 123456789', 'invalid_bank_account', '"AA" is not a country'],
    ['JP 1234567', 'invalid_bank_account', '"JP" is not a country whose account numbers can be read here'],
    ['QQ:0:123456789', 'invalid_bank_account', '"QQ" is not a country code'],
    ['FR76 3000 6000 0112 3456 7890 188', 'bad_checksum', 'mod-97'],
    ['NL91 ABNA 0417 1643 02', 'bad_checksum', 'mod-97'],
    ['IBAN DE89 3704 0044 0532 0130 02', 'bad_checksum', 'mod-97'],
  ])('%j (typed bank_account) -> %s', (input, code, reason) => {
    for (const region of ['SG', 'KR']) {
      const r = tryNormalize(input, { type: 'bank_account', region });
      expect(r).toMatchObject({ ok: false, code });
      expect(!r.ok && r.reason).toContain(reason);
    }
  });

  it.each(['lorem ipsum 12345678', 'asdf 1234567890', 'account lorem 12345678', 'XX 1234567890', 'foo bar baz 99999999'])(
    'untyped garbage %j is not an indicator',
    (input) => {
      expect(tryNormalize(input)).toMatchObject({ ok: false, code: 'not_an_indicator' });
    },
  );

  it('in free text, a refused account is left out, never re-read as the node country', () => {
    for (const region of ['SG', 'KR']) {
      const found = extract('transfer to ZZ12 3456 7890 1234 or FR76 3000 6000 0112 3456 7890 188 or AA 123456789', { region });
      expect(found.filter((f) => f.type === 'bank_account')).toEqual([]);
    }
  });

  it('a bank name and a phone number, untyped, is the phone; typed as an account, the account', () => {
    expect(normalize('DBS 1800 111 1111', { region: 'SG' })).toMatchObject({ type: 'phone', value: '+6518001111111' });
    expect(normalize('국민은행 010-1234-5678', { region: 'KR' })).toMatchObject({ type: 'phone', value: '+821012345678' });
    expect(normalize('OCBC: 6363 3333', { region: 'SG' })).toMatchObject({ type: 'phone', value: '+6563633333' });
    expect(bank('DBS 1800 111 1111', 'SG').value).toBe('SG:7171:18001111111');
    expect(normalize('DBS account 1800 111 1111', { region: 'SG' }).value).toBe('SG:7171:18001111111');
    expect(normalize('UOB 800-123-456-7', { region: 'SG' }).value).toBe('SG:7375:8001234567');
    expect(normalize('국민은행 123-456-789012', { region: 'KR' }).value).toBe('KR:004:123456789012');
  });

  it('a country prefix the data knows reads the digits in that country', () => {
    expect(bank('KR 123-456-789012', 'SG').value).toBe('KR::123456789012');
    expect(bank('SG 1234567890', 'KR').value).toBe('SG::1234567890');
    expect(bank('KB 123456789012', 'SG').value).toBe('KR:004:123456789012'); // a bank alias, not a country
  });

  it('an unknown bank keeps its written name only when it names an institution', () => {
    expect(bank('Foo Savings 1234567890', 'SG').value).toBe('SG::1234567890');
    expect(bank('Busan Credit Union 1234567890', 'KR').value).toBe('KR::1234567890');
    expect(bank('acct no. 123456789', 'SG').value).toBe('SG::123456789');
  });
});
