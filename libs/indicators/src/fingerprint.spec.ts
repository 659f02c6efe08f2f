import { fingerprint } from '@scamintel/vocabulary';
import { normalize } from './index';

describe('fingerprint', () => {
  // Expected digests computed outside Node: printf 'phone\n+821012345678' | sha256sum
  it('is SHA-256 of type + "\\n" + value, lower-case hex', () => {
    expect(fingerprint('phone', '+821012345678')).toBe('04ec3fa5a6fe47e48574edee57573f0423772c7dea594e22b408754777b2bf34');
    expect(fingerprint('domain', 'dbs-secure.top')).toBe('5b6888bd8a76895cd62b751b19fa182ac01b80048252ce8a24e1d43529891c18');
  });

  it('depends on the type as well as the value', () => {
    expect(fingerprint('domain', 'x.com')).not.toBe(fingerprint('url', 'x.com'));
  });

  it('is what normalize() attaches', () => {
    const r = normalize('dbs-secure[.]top');
    expect(r.fingerprint).toBe(fingerprint(r.type, r.value));
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the UTF-8 bytes of non-ASCII values', () => {
    expect(fingerprint('email', '김@x.com')).toBe('c56b78512b1b19bc5bd49d87569493d6f231dacf0ea4109e32a98abff0bdc14e');
  });
});
