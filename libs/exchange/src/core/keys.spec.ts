import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'crypto';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, jwkThumbprint, loadPrivateKeyPem, loadPublicKeyPem } from './keys';

// RFC 8037 Appendix A.1 key and the thumbprint published for it in A.3.
const RFC8037_JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
};
const RFC8037_THUMBPRINT = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

describe('Ed25519 keys', () => {
  it('computes the RFC 8037 A.3 thumbprint for the A.1 key, from the public or the private half or PEM', () => {
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: RFC8037_JWK.x }, format: 'jwk' });
    const priv = createPrivateKey({ key: RFC8037_JWK, format: 'jwk' });
    expect(jwkThumbprint(pub)).toBe(RFC8037_THUMBPRINT);
    expect(jwkThumbprint(priv)).toBe(RFC8037_THUMBPRINT);
    expect(jwkThumbprint(exportPublicKeyPem(pub))).toBe(RFC8037_THUMBPRINT);
  });

  it('round-trips PKCS#8 and SPKI PEM and the halves still match', () => {
    const { privateKey, publicKey } = generateKeyPair();
    const pem = exportPrivateKeyPem(privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const loaded = loadPrivateKeyPem(pem);
    const spki = exportPublicKeyPem(loaded);
    expect(spki).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(spki).toBe(exportPublicKeyPem(publicKey));
    const sig = sign(null, Buffer.from('m'), loaded);
    expect(verify(null, Buffer.from('m'), loadPublicKeyPem(spki), sig)).toBe(true);
    expect(jwkThumbprint(publicKey)).toBe(jwkThumbprint(loaded));
  });

  it('gives different keys different thumbprints', () => {
    expect(jwkThumbprint(generateKeyPair().publicKey)).not.toBe(jwkThumbprint(generateKeyPair().publicKey));
  });

  it('refuses keys of another algorithm', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => jwkThumbprint(ec.publicKey)).toThrow(/Ed25519/);
    expect(() => loadPrivateKeyPem(ec.privateKey.export({ format: 'pem', type: 'pkcs8' }))).toThrow(/Ed25519/);
  });
});
