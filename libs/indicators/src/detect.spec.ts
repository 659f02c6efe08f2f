import { detectType, normalize, tryNormalize } from './index';
import { type IndicatorType } from '@scamintel/vocabulary';

describe('detection precedence (see detect.ts)', () => {
  it.each([
    ['tel:+6591234567', 'phone'],
    ['mailto:a@b.com', 'email'],
    ['KR:004:123456789012', 'bank_account'],
    ['IBAN:GB82WEST12345698765432', 'bank_account'],
    ['1.2.3.4', 'ip'],
    ['2001:db8::1', 'ip'],
    ['fb::1', 'ip'], // an IPv6 address before a "fb:" handle prefix
    ['[2001:db8::1]', 'ip'],
    ['telegram:@foo_bar', 'social_handle'],
    ['tg:foobar', 'social_handle'],
    ['Telegram @foo_bar', 'social_handle'],
    ['https://t.me/foo_bar', 'social_handle'],
    ['https://wa.me/6591234567', 'phone'],
    ['https://dbs-secure.top/login', 'url'],
    ['@foo', 'social_handle'],
    ['tiktok.com/@foo', 'social_handle'],
    ['kim@naver.com', 'email'],
    ['0x52908400098527886E0F7030069857D2E4169EE7', 'crypto_wallet'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'crypto_wallet'],
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'crypto_wallet'],
    ['GB82 WEST 1234 5698 7654 32', 'bank_account'],
    ['KB 123456789012', 'bank_account'],
    ['acct 123456789', 'bank_account'],
    ['010-1234-5678', 'phone'],
    ['+65 9123 4567', 'phone'],
    ['112', 'phone'],
    ['3279880203', 'phone'],
    ['t.me/foo_bar', 'social_handle'],
    ['wa.me/6591234567', 'phone'],
    ['dbs-secure.top/login', 'url'],
    ['dbs-secure.top:8080', 'url'],
    ['dbs-secure.top', 'domain'],
    ['www.dbs-secure.top', 'domain'],
  ])('%j -> %s', (input, type) => {
    expect(detectType(input)).toBe(type as IndicatorType);
  });

  it.each(['hello world', 'report', '', '   ', '!!!', '가나다라'])('%j is not an indicator', (input) => {
    expect(detectType(input.trim())).toBeNull();
    expect(tryNormalize(input)).toMatchObject({ ok: false, code: 'not_an_indicator' });
  });

  it('an explicit type overrides detection', () => {
    expect(normalize('www.google.com', { type: 'url' }).value).toBe('http://www.google.com/');
    expect(normalize('www.google.com').value).toBe('www.google.com');
  });
});

describe('normalize() / tryNormalize() contract', () => {
  it('throws IndicatorError with a code', () => {
    expect(() => normalize('hello world')).toThrow(expect.objectContaining({ name: 'IndicatorError', code: 'not_an_indicator' }));
  });

  it('refuses unknown types and over-long input', () => {
    expect(tryNormalize('x', { type: 'fax' as IndicatorType })).toMatchObject({ ok: false, code: 'unsupported_type' });
    expect(tryNormalize('a'.repeat(9000) + '.com')).toMatchObject({ ok: false, code: 'too_long' });
  });

  it('never throws, even for non-strings', () => {
    expect(tryNormalize(undefined as unknown as string)).toMatchObject({ ok: false, code: 'not_an_indicator' });
    expect(tryNormalize(42 as unknown as string)).toMatchObject({ ok: false });
  });

  it('strips invisible characters and wrappers', () => {
    expect(normalize('dbs\u200b-secure.top').value).toBe('dbs-secure.top');
    expect(normalize('<https://evil.com/x>').value).toBe('https://evil.com/x');
    expect(normalize('"kim@naver.com"').value).toBe('kim@naver.com');
  });
});

describe('bracketed country codes', () => {
  it.each(['(+65) 9123 4567', '(+65) ９１２３ ４５６７', '(+82) 10-1234-5678'])('%s is detected as a phone', (v) => {
    expect(detectType(v.normalize('NFKC'))).toBe('phone');
  });
});
