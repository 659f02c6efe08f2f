import fc from 'fast-check';
import {
  BareItem,
  Decimal,
  Dictionary,
  Item,
  Member,
  Token,
  parseDictionary,
  parseItem,
  serializeDictionary,
  serializeMember,
  StructuredFieldError,
} from './structured-fields';

const item = (value: BareItem, params: [string, BareItem][] = []): Item => ({ value, params: new Map(params) });

describe('RFC 8941 structured fields', () => {
  it('parses the RFC dictionary examples', () => {
    const d = parseDictionary('a=?0, b, c; foo=bar');
    expect(d.get('a')).toEqual(item(false));
    expect(d.get('b')).toEqual(item(true));
    expect(d.get('c')).toEqual(item(true, [['foo', new Token('bar')]]));
    expect(serializeDictionary(d)).toBe('a=?0, b, c;foo=bar');

    const e = parseDictionary('rating=1.5, feelings=(joy sadness)');
    expect(e.get('rating')).toEqual(item(new Decimal(1.5)));
    expect(serializeDictionary(e)).toBe('rating=1.5, feelings=(joy sadness)');
  });

  it('parses byte sequences and strings with escapes', () => {
    const d = parseDictionary('x=:cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:, y="say \\"hi\\" \\\\ bye"');
    expect(Buffer.from((d.get('x') as Item).value as Uint8Array).toString()).toBe('pretend this is binary content.');
    expect((d.get('y') as Item).value).toBe('say "hi" \\ bye');
    expect(serializeDictionary(d)).toBe('x=:cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:, y="say \\"hi\\" \\\\ bye"');
  });

  it('reads a Signature-Input member and writes it back byte for byte', () => {
    const raw = 'sig1=("@method" "@target-uri" "content-digest");created=1618884473;keyid="k-1";nonce="abc";alg="ed25519"';
    expect(serializeDictionary(parseDictionary(raw))).toBe(raw);
    expect(serializeDictionary(parseDictionary(`  ${raw.replace('("@method" ', '( "@method"  ')} `))).toBe(raw);
  });

  it('keeps the first position and the last value of a repeated key', () => {
    expect(serializeDictionary(parseDictionary('a=1, b=2, a=3'))).toBe('a=3, b=2');
  });

  it.each([
    'a=(',
    'a="open',
    'a=:!!:',
    'A=1',
    'a=1,',
    'a=1 b=2',
    'a="\u0001"',
    'a=1.2345',
    'a=1234567890123456',
    'a=?2',
    'a="\\x"',
    'a=(1 2',
    'a=1;B=2',
    'a=1.',
    ',',
  ])('rejects malformed %j', (raw) => {
    expect(() => parseDictionary(raw)).toThrow(StructuredFieldError);
  });

  it('parses single items', () => {
    expect(parseItem('"x";a=1')).toEqual(item('x', [['a', 1]]));
    expect(() => parseItem('"x" y')).toThrow(StructuredFieldError);
  });

  it('refuses to serialise what it could not parse back', () => {
    expect(() => serializeMember(item('non-ascii é'))).toThrow(StructuredFieldError);
    expect(() => serializeMember(item(2 ** 60))).toThrow(StructuredFieldError);
    expect(() => serializeMember(item(new Token('1abc')))).toThrow(StructuredFieldError);
  });

  it('round-trips generated dictionaries', () => {
    const key = fc.stringMatching(/^[a-z*][a-z0-9_\-.*]{0,8}$/);
    const bare: fc.Arbitrary<BareItem> = fc.oneof(
      fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
      fc.integer({ min: -999_999_999, max: 999_999_999 }).map((n) => new Decimal(n / 1000)),
      fc.string({ unit: fc.constantFrom(...' !"#\\az~09'.split('')) }),
      fc.stringMatching(/^[A-Za-z*][A-Za-z0-9:/!#]{0,6}$/).map((t) => new Token(t)),
      fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)),
      fc.boolean(),
    );
    const params = fc.array(fc.tuple(key, bare), { maxLength: 3 }).map((ps) => new Map(ps));
    const it: fc.Arbitrary<Member> = fc.record({ value: bare, params });
    const member: fc.Arbitrary<Member> = fc.oneof(it, fc.record({ items: fc.array(it as fc.Arbitrary<Item>, { maxLength: 3 }), params }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, member), { minLength: 1, maxLength: 4 }), (entries) => {
        const dict: Dictionary = new Map(entries);
        const text = serializeDictionary(dict);
        expect(serializeDictionary(parseDictionary(text))).toBe(text);
      }),
    );
  });
});
