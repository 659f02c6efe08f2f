import { identityId, indicatorId, scoId, uuidv5 } from './ids';

describe('deterministic STIX ids', () => {
  it('computes RFC 9562 UUIDv5 (checked against Python uuid.uuid5)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('derives SCO ids per STIX 2.1 §2.9 (namespace 00abedb4…, JCS of contributing properties)', () => {
    expect(scoId('domain-name', { value: 'evil.com' })).toBe('domain-name--5d7b159c-1821-5595-b1f7-2213ba2674e6');
    expect(scoId('ipv4-addr', { value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    expect(scoId('user-account', { account_type: 'telegram', account_login: 'scam_bot' })).toBe(
      'user-account--10ccbecc-0dea-5792-9087-d509717ebee9',
    );
  });

  it('gives each node its own identity and indicator ids, stable across calls', () => {
    const fp = 'a'.repeat(64);
    expect(identityId('sg-spf')).toBe(identityId('sg-spf'));
    expect(identityId('sg-spf')).not.toBe(identityId('kr-knpa'));
    expect(indicatorId(fp, 'sg-spf')).not.toBe(indicatorId(fp, 'kr-knpa'));
    expect(indicatorId(fp, 'sg-spf')).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('ids: the fast paths give what the plain computation gives', () => {
  // The reference: RFC 9562 §5.5 spelled out with createHash, and canonicalJson for the SCO name.
  const { createHash } = jest.requireActual<typeof import('crypto')>('crypto');
  const { canonicalJson } = jest.requireActual<typeof import('@scamintel/audit-core')>('@scamintel/audit-core');
  const reference = (ns: string, name: string) => {
    const b = createHash('sha1')
      .update(Buffer.from(ns.replace(/-/g, ''), 'hex'))
      .update(name, 'utf8')
      .digest()
      .subarray(0, 16);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  it('uuidv5 over short, long (past the one-shot buffer), non-ASCII and lone-surrogate names', () => {
    const names = [
      '',
      'a',
      'é',
      '\u{1F600}',
      'a\ud800b',
      '\udc00',
      'x'.repeat(1023) + 'é',
      'x'.repeat(1024),
      'é'.repeat(1024),
      '\u{1F600}'.repeat(600),
      'y'.repeat(5000),
    ];
    for (let i = 0; i < 200; i++) names.push(String.fromCharCode(...Array.from({ length: i * 7 }, (_, k) => (k * 7919 + i) % 0xffff)));
    for (const ns of [
      '00abedb4-aa42-466c-9c01-fed23315a9b7',
      '5c82e32d-aa17-4410-a451-a2f66d2e7f03',
      '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    ]) {
      for (const name of names) expect(uuidv5(ns, name)).toBe(reference(ns, name));
    }
  });

  it('uuidv5 still refuses a namespace that is not a UUID', () => {
    expect(() => uuidv5('not-a-uuid', 'x')).toThrow('bad namespace UUID not-a-uuid');
  });

  it('scoId uses the JCS text of the contributing properties, refusing what canonicalJson refuses', () => {
    const cases: Record<string, string>[] = [{ value: 'a"b\\c\u2028' }, { b: '2', a: '1', é: '3' }, { value: '\u{1F600}' }, {}];
    for (const c of cases)
      expect(scoId('x-test', c)).toBe(`x-test--${reference('00abedb4-aa42-466c-9c01-fed23315a9b7', canonicalJson(c))}`);
    expect(() => scoId('x-test', { value: 'a\ud800' })).toThrow(/lone surrogate/);
  });
});
