import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { observableOf, stixUnrepresentable, urlFromStix, urlToStix, valueOfComparisons } from './observables';
import { buildPattern, parsePattern } from './pattern';
import { IndicatorType } from '@scamintel/vocabulary';

const uriFormat = fullFormats.uri as (s: string) => boolean;
const emailFormat = fullFormats.email as RegExp;

const v = (type: IndicatorType, value: string, pseudonymised = false) => ({ type, value, pseudonymised });

describe('indicator values as STIX cyber-observables', () => {
  it.each([
    [v('domain', 'evil.com'), 'domain-name', "[domain-name:value = 'evil.com']"],
    [v('url', 'http://evil.com/login'), 'url', "[url:value = 'http://evil.com/login']"],
    [v('email', 'boss@evil.com'), 'email-addr', "[email-addr:value = 'boss@evil.com']"],
    [v('ip', '198.51.100.3'), 'ipv4-addr', "[ipv4-addr:value = '198.51.100.3']"],
    [v('ip', '2001:db8::1'), 'ipv6-addr', "[ipv6-addr:value = '2001:db8::1']"],
    [v('phone', '+6591234567'), 'phone-number', "[phone-number:value = '+6591234567']"],
    [v('bank_account', 'KR:004:12345678901234'), 'bank-account', "[bank-account:value = 'KR:004:12345678901234']"],
    [
      v('crypto_wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
      'cryptocurrency-wallet',
      "[cryptocurrency-wallet:value = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']",
    ],
    [
      v('social_handle', "telegram:o'brien"),
      'user-account',
      "[user-account:account_login = 'o\\'brien' AND user-account:account_type = 'telegram']",
    ],
    [
      v('bank_account', 'ab'.repeat(32), true),
      'scamintel-pseudonym',
      `[scamintel-pseudonym:value = '${'ab'.repeat(32)}' AND scamintel-pseudonym:indicator_type = 'bank_account']`,
    ],
  ])('%j → %s', (ind, scoType, pattern) => {
    const { sco, comparisons } = observableOf(ind);
    expect(stixUnrepresentable(ind)).toBeUndefined();
    expect(sco.type).toBe(scoType);
    expect(sco.id.startsWith(`${scoType}--`)).toBe(true);
    expect(buildPattern(comparisons)).toBe(pattern);
    expect(valueOfComparisons(parsePattern(pattern))).toEqual(ind);
  });

  it('declares custom SCOs through their new-sco extension and leaves standard ones plain', () => {
    expect(observableOf(v('phone', '+6591234567')).sco.extensions).toEqual({
      'extension-definition--0f3b8cec-b094-4c13-bafe-f1278d7efae1': { extension_type: 'new-sco' },
    });
    expect(observableOf(v('domain', 'evil.com')).sco.extensions).toBeUndefined();
  });

  it('percent-encodes what RFC 3986 forbids in a canonical URL, and decodes it back', () => {
    const canonical = 'http://evil.com/a|b/{x}^`"<>\\[y]?q=%25%20|';
    const stix = urlToStix(canonical);
    expect(stix).toBe('http://evil.com/a%7Cb/%7Bx%7D%5E%60%22%3C%3E%5C%5By%5D?q=%25%20%7C');
    expect(uriFormat(stix)).toBe(true);
    expect(urlFromStix(stix)).toBe(canonical);
    expect(urlToStix('http://[2001:db8::1]/x')).toBe('http://[2001:db8::1]/x');
  });

  it('only calls a URL representable when the uri format agrees', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abc/?=&%|{}[]^`"<>\\:@!$\'()*+,;~.-_'.split('')) });
    fc.assert(
      fc.property(printable, (path) => {
        const canonical = `http://evil.com/${path}`;
        const reason = stixUnrepresentable(v('url', canonical));
        expect(reason === undefined).toBe(uriFormat(urlToStix(canonical)));
        if (reason === undefined) expect(urlFromStix(urlToStix(canonical))).toBe(canonical);
      }),
    );
  });

  it('agrees with the email format on what an email-addr may hold', () => {
    for (const email of [
      'a@b.co',
      'first.last+tag@mail.example.com',
      'josé@example.com',
      '"quoted"@example.com',
      'a@localhost',
      'a..b@x.com',
    ]) {
      expect(stixUnrepresentable(v('email', email)) === undefined).toBe(emailFormat.test(email));
    }
  });

  it.each([
    [v('email', 'josé@example.com'), /addr-spec/],
    [v('domain', 'xn--bcher-kva.example'), undefined],
    [v('domain', 'bücher.example'), /host name/],
    [v('ip', '::ffff:192.0.2.1'), /dotted quad/],
    [v('ip', '1.2.3.04'), /IPv4/],
    [v('url', 'not a url'), /absolute URL/],
    [v('social_handle', 'nohandle'), /platform/],
    [v('phone', '', false), /empty/],
    [v('phone', 'ABC', true), /hex/],
  ])('judges %j', (ind, reason) => {
    const r = stixUnrepresentable(ind);
    if (reason === undefined) expect(r).toBeUndefined();
    else expect(r).toMatch(reason);
  });

  it('refuses patterns it did not write', () => {
    expect(valueOfComparisons(parsePattern("[file:name = 'x']"))).toBeUndefined();
    expect(valueOfComparisons(parsePattern("[url:value = 'a' AND domain-name:value = 'b']"))).toBeUndefined();
    expect(valueOfComparisons(parsePattern("[url:value = 'a' AND url:value = 'b']"))).toBeUndefined();
    expect(
      valueOfComparisons(parsePattern("[scamintel-pseudonym:value = 'a' AND scamintel-pseudonym:indicator_type = 'car']")),
    ).toBeUndefined();
    expect(valueOfComparisons(parsePattern("[user-account:account_login = 'a']"))).toBeUndefined();
  });
});
