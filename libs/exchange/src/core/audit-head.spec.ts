import { formatAuditHead, isAuditHead, parseAuditHead } from './audit-head';

const hash = '0123456789abcdef'.repeat(4);

describe('Audit-Head header', () => {
  it('writes a structured-field dictionary and reads it back', () => {
    expect(formatAuditHead({ seq: 7, hash })).toBe(`seq=7, hash="${hash}"`);
    expect(parseAuditHead(`seq=7, hash="${hash}"`)).toEqual({ seq: 7, hash });
    expect(parseAuditHead(` hash="${hash}",seq=0 `)).toEqual({ seq: 0, hash });
  });

  it.each([
    undefined,
    '',
    'seq=7',
    `seq=-1, hash="${hash}"`,
    `seq=1.5, hash="${hash}"`,
    `seq=7, hash="${hash.toUpperCase()}"`,
    `seq=7, hash="${hash.slice(1)}"`,
    `seq=7, hash=:AAAA:`,
    'garbage(((',
  ])('refuses %j', (v) => expect(parseAuditHead(v)).toBeUndefined());

  it('will not write a head that could not be read back', () => {
    expect(() => formatAuditHead({ seq: 1, hash: 'xyz' })).toThrow(TypeError);
    expect(isAuditHead({ seq: 1, hash })).toBe(true);
    expect(isAuditHead({ seq: '1', hash })).toBe(false);
  });
});
