import fc from 'fast-check';
import { buildPattern, escapeStixString, parsePattern, PatternError } from './pattern';

describe('STIX patterns (exchange subset)', () => {
  it('writes the documented shapes', () => {
    expect(buildPattern([{ objectType: 'domain-name', property: 'value', value: 'evil.com' }])).toBe("[domain-name:value = 'evil.com']");
    expect(
      buildPattern([
        { objectType: 'user-account', property: 'account_login', value: 'x' },
        { objectType: 'user-account', property: 'account_type', value: 'telegram' },
      ]),
    ).toBe("[user-account:account_login = 'x' AND user-account:account_type = 'telegram']");
  });

  it('escapes quotes and backslashes', () => {
    expect(escapeStixString("it's a \\ test")).toBe("it\\'s a \\\\ test");
    expect(buildPattern([{ objectType: 'url', property: 'value', value: "http://a.b/'\\" }])).toBe("[url:value = 'http://a.b/\\'\\\\']");
  });

  it('reads back whatever it writes', () => {
    const comparison = fc.record({
      objectType: fc.constantFrom('url', 'domain-name', 'user-account', 'phone-number'),
      property: fc.constantFrom('value', 'account_login', 'account_type'),
      value: fc.string({ unit: 'binary' }),
    });
    fc.assert(
      fc.property(fc.array(comparison, { minLength: 1, maxLength: 3 }), (cs) => {
        expect(parsePattern(buildPattern(cs))).toEqual(cs);
      }),
    );
  });

  it('tolerates spacing', () => {
    expect(parsePattern("  [ url:value='a'  AND\nurl:value = 'b' ] ")).toEqual([
      { objectType: 'url', property: 'value', value: 'a' },
      { objectType: 'url', property: 'value', value: 'b' },
    ]);
  });

  it.each([
    "[url:value = 'a'] AND [url:value = 'b']",
    "[url:value = 'a' OR url:value = 'b']",
    "[url:value != 'a']",
    "[url:value = 'a'] WITHIN 5 SECONDS",
    "[file:hashes.'SHA-256' = 'ab']",
    "[url:value = 'a\\n']",
    "[url:value = 'a]",
    '[url:value = 5]',
    "url:value = 'a'",
    '',
  ])('refuses %j', (p) => expect(() => parsePattern(p)).toThrow(PatternError));

  it('refuses to write an object path the grammar does not allow', () => {
    expect(() => buildPattern([{ objectType: 'Bad Type', property: 'value', value: 'a' }])).toThrow(PatternError);
    expect(() => buildPattern([])).toThrow(PatternError);
  });
});
