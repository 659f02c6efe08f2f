import { identityId, indicatorId, scoId, uuidv5 } from './ids';

describe('deterministic STIX ids', () => {
  it('computes RFC 9562 UUIDv5 (checked against Python uuid.uuid5)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('derives SCO ids per STIX 2.1 §2.9 (namespace 00abedb4…, JCS of contributing properties)', () => {
    expect(scoId('domain-name', { value: 'evil.com' })).toBe('domain-name--5d7b159c-1821-5595-b1f7-2213ba2674e6');
    expect(scoId('ipv4-addr', { value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    expect(scoId('user-account', { account_type: 'telegram', account_login: 'scam_bot' })).toBe('user-account--10ccbecc-0dea-5792-9087-d509717ebee9');
  });

  it('gives each node its own identity and indicator ids, stable across calls', () => {
    const fp = 'a'.repeat(64);
    expect(identityId('sg-spf')).toBe(identityId('sg-spf'));
    expect(identityId('sg-spf')).not.toBe(identityId('kr-knpa'));
    expect(indicatorId(fp, 'sg-spf')).not.toBe(indicatorId(fp, 'kr-knpa'));
    expect(indicatorId(fp, 'sg-spf')).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
