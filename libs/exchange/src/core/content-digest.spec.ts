import { contentDigest, verifyContentDigest } from './content-digest';

// RFC 9530 §2 / RFC 9421 Appendix B.2 example body and its published digests.
const BODY = '{"hello": "world"}';
const SHA256 = 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:';
const SHA512 = 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:';

describe('Content-Digest (RFC 9530)', () => {
  it('produces the published sha-256 digest', () => {
    expect(contentDigest(BODY)).toBe(SHA256);
    expect(contentDigest(Buffer.from(BODY))).toBe(SHA256);
  });

  it('verifies the published sha-256 and sha-512 digests, alone or together', () => {
    expect(verifyContentDigest(SHA256, BODY)).toBe(true);
    expect(verifyContentDigest(SHA512, Buffer.from(BODY))).toBe(true);
    expect(verifyContentDigest(`${SHA512}, ${SHA256}`, BODY)).toBe(true);
  });

  it('ignores algorithms it does not know but needs one it does', () => {
    expect(verifyContentDigest(`md5=:AAAA:, ${SHA256}`, BODY)).toBe(true);
    expect(verifyContentDigest('md5=:AAAA:', BODY)).toBe(false);
  });

  it('rejects a changed body, a wrong digest among several, and malformed headers', () => {
    expect(verifyContentDigest(SHA256, '{"hello": "world!"}')).toBe(false);
    expect(verifyContentDigest(`${SHA256}, sha-512=:AAAA:`, BODY)).toBe(false);
    expect(verifyContentDigest('sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=', BODY)).toBe(false);
    expect(verifyContentDigest('sha-256="X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="', BODY)).toBe(false);
    expect(verifyContentDigest(undefined, BODY)).toBe(false);
    expect(verifyContentDigest('', BODY)).toBe(false);
  });
});
